using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Api;

/// <summary>
/// Reads the API server's answer out of KubernetesClient's <see cref="HttpOperationException"/>: the HTTP code
/// and the reason of the metav1 Status body (409 is both AlreadyExists and Conflict; only the reason tells them apart).
/// </summary>
public static class ApiErrors
{
    public static bool IsNotFound(this HttpOperationException error) => error.Response.StatusCode == HttpStatusCode.NotFound;

    /// <summary>A write lost a race: the object changed since it was read (resourceVersion or a precondition).</summary>
    public static bool IsConflict(this HttpOperationException error) =>
        error.Response.StatusCode == HttpStatusCode.Conflict && Reason(error) is null or "Conflict";

    public static bool IsAlreadyExists(this HttpOperationException error) =>
        error.Response.StatusCode == HttpStatusCode.Conflict && Reason(error) == "AlreadyExists";

    public static bool IsGone(this HttpOperationException error) => error.Response.StatusCode == HttpStatusCode.Gone;

    /// <summary>The Status body's reason, or null when the body is not a Status.</summary>
    public static string? Reason(this HttpOperationException error)
    {
        try
        {
            return error.Response.Content is { Length: > 0 } content ? KubernetesJson.Deserialize<V1Status>(content)?.Reason : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs a read and answers null when the object does not exist.</summary>
    public static async Task<T?> OrNullWhenNotFound<T>(this Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }
}
