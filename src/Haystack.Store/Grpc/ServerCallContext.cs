using Microsoft.AspNetCore.Http;

namespace Haystack.Store.Grpc;

/// <summary>What a method handler knows about its call: the HTTP/2 request behind it and its cancellation.</summary>
/// <param name="CancellationToken">Cancelled when the client goes away or the call's deadline passes.</param>
public sealed record ServerCallContext(string Method, HttpContext HttpContext, DateTime Deadline, CancellationToken CancellationToken)
{
    public IHeaderDictionary RequestHeaders => HttpContext.Request.Headers;
}
