using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Haystack.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Haystack.Hosting;

/// <summary>
/// Refuses a call that lacks the key its endpoint needs (<see cref="AccessAttribute"/>; none means the write key) before
/// the endpoint runs, so a refused call has no side effect: HTTP gets 401 with the house JSON error, gRPC a
/// trailers-only UNAUTHENTICATED. One middleware for both protocols, because gRPC methods are endpoints with metadata
/// too: a new endpoint of either kind is guarded without anyone remembering to guard it.
/// </summary>
public static class KeyGuard
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Runs after routing (the endpoint is known) and before any endpoint; a no-op while no key is configured.</summary>
    public static void UseKeyGuard(this IApplicationBuilder app, KeyCheck check, string serverName)
    {
        if (!check.Keys.GuardsWrites && !check.Keys.GuardsReads)
        {
            return;
        }
        app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint is null)
            {
                return next(context);
            }
            var level = endpoint.Metadata.GetMetadata<AccessAttribute>()?.Level ?? AccessLevel.Write;
            var presented = Presented(context.Request.Headers.Authorization);
            return check.Allows(level, presented)
                ? next(context)
                : Refuse(context, endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null, Explain(context.Request, level, presented is not null, serverName));
        });
    }

    private static string? Presented(string? authorization) =>
        authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;

    private static string Explain(HttpRequest request, AccessLevel level, bool presented, string serverName)
    {
        var which = level == AccessLevel.Read ? "the read key (or the write key)" : "the write key";
        var call = HttpProtocol.IsHttp2(request.Protocol) && request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            ? $"{request.Path}"
            : $"{request.Method} {request.Path}";
        var problem = presented ? $"the key presented for {call} is not {which}" : $"{call} needs {which}";
        return $"{char.ToUpperInvariant(problem[0])}{problem[1..]} of this {serverName}: send 'Authorization: Bearer <key>' with the key the cluster was " +
            "given (--key-file, HAYSTACK_KEY, or the cluster's auth Secret; docs/security.md).";
    }

    private static Task Refuse(HttpContext context, bool isGrpc, string message)
    {
        var response = context.Response;
        if (!isGrpc)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return response.WriteAsJsonAsync(new ErrorBody(message));
        }
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)StatusCode.Unauthenticated).ToString(CultureInfo.InvariantCulture);
        // grpc-message is percent-encoded (grpc/doc/PROTOCOL-HTTP2.md).
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
