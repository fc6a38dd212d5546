using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Haystack.Hosting;

/// <summary>
/// Refuses HTTP/1.x requests whose body framing two parsers could read two ways (request smuggling, RFC 9112 §6.1,
/// §11.2) with 400 and the house JSON error, before any other middleware or endpoint runs. Kestrel (.NET 10) already
/// answers two Content-Lengths (even equal ones) and a Transfer-Encoding whose last coding is not chunked with a bare
/// 400 before the app sees the request. What it lets through is added here: Content-Length together with chunked
/// (Kestrel reads the chunks and renames the header to <c>X-Content-Length</c>), and codings stacked under chunked
/// (<c>gzip, chunked</c>, <c>chunked, chunked</c>), whose bytes nothing here would decode. A proxy in front that
/// reads the other framing would see a second request where we see a body; refusing both readings closes that gap.
/// </summary>
public static class RequestFraming
{
    /// <summary>Where Kestrel moves the Content-Length of a request that also carries Transfer-Encoding.</summary>
    private const string MovedContentLength = "X-Content-Length";

    /// <summary>Register first, so a refused request reaches neither the key guard nor an endpoint.</summary>
    public static void UseRequestFramingCheck(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var problem = Problem(context.Request);
        if (problem is null)
        {
            return next(context);
        }
        // The body's end is uncertain, so nothing after it on this connection can be trusted either. Set as the
        // response starts: the error writer clears the headers first.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        });
        return ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, $"{context.Request.Method} {context.Request.Path}: {problem}");
    });

    /// <summary>What is ambiguous about the request's framing, or null when it has one reading.</summary>
    private static string? Problem(HttpRequest request)
    {
        if (!HttpProtocol.IsHttp11(request.Protocol) && !HttpProtocol.IsHttp10(request.Protocol))
        {
            return null;
        }
        var transferEncoding = request.Headers.TransferEncoding;
        if (transferEncoding.Count == 0)
        {
            return null;
        }
        if (request.Headers.ContainsKey(MovedContentLength) || request.Headers.ContainsKey(HeaderNames.ContentLength))
        {
            return "the request has both Content-Length and Transfer-Encoding, which frame its body two ways; send only Content-Length.";
        }
        var codings = transferEncoding.ToString().Split(',', StringSplitOptions.TrimEntries);
        return codings is [var only] && only.Equals("chunked", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Transfer-Encoding '{transferEncoding}' is not supported; send the body with Content-Length (or plain chunked where an endpoint accepts it).";
    }
}
