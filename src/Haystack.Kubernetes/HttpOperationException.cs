using System.Net;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// The API server refused a request. <see cref="Status"/> is the server's own explanation (reason, message,
/// field causes); the exception message names the request so a log line alone says what failed.
/// </summary>
public sealed class HttpOperationException(HttpMethod method, string path, HttpStatusCode statusCode, V1Status status)
    : Exception($"{method} {path} failed: {(int)statusCode} {status.Reason ?? statusCode.ToString()}: {status.Message}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public V1Status Status { get; } = status;

    public HttpMethod Method { get; } = method;

    public string Path { get; } = path;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>Stale resourceVersion on update, a taken name on create, or an apply conflict between field managers.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>The requested resourceVersion is older than the server keeps: list again, then watch.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}
