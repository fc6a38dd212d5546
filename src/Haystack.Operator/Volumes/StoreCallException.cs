using System.Net;

namespace Haystack.Operator.Volumes;

/// <summary>A store did not answer, or answered with an error; the message names the store and what was asked.</summary>
/// <param name="Status">The store's status code when it answered; null when it did not.</param>
public sealed class StoreCallException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}
