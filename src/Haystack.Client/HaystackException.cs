using System.Net;

namespace Haystack.Client;

/// <summary>
/// A request a Haystack server refused or failed. The message names the server and carries the server's own
/// explanation (its <c>{"error": ...}</c> body).
/// </summary>
public class HaystackException(string message, Uri server, HttpStatusCode? statusCode, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The server that answered (or did not).</summary>
    public Uri Server { get; } = server;

    /// <summary>The status it answered with; null when it did not answer.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Trying again later may succeed (the retries this client makes were used up).</summary>
    public bool IsTransient { get; } = isTransient;
}
