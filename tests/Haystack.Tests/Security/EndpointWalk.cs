using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Tests.Security;

/// <summary>
/// Every endpoint a server's routing knows (its <see cref="EndpointDataSource"/>: minimal APIs, gRPC methods, the
/// fallback), turned into calls with real route values, and a way to send each with or without a key. Taken from the
/// running server rather than from a list, so an endpoint added later is walked too.
/// </summary>
public sealed partial class EndpointWalk(IServiceProvider services, Uri http, Uri? grpc, IReadOnlyDictionary<string, string> routeValues) : IDisposable
{
    private static readonly string[] UndeclaredMethods = ["GET", "POST", "PUT", "DELETE"];

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly HttpClient _grpc = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyList<EndpointCall> Calls()
    {
        var calls = new List<EndpointCall>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } method)
            {
                if (grpc is not null)
                {
                    calls.Add(new EndpointCall("POST", $"/{method.Method.ServiceName}/{method.Method.Name}", IsGrpc: true));
                }
                continue;
            }
            var path = Parameter().Replace(endpoint.RoutePattern.RawText ?? "/", match =>
                routeValues.TryGetValue(match.Groups["name"].Value, out var value) ? value : "no-such-thing");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? UndeclaredMethods;
            calls.AddRange(methods.Select(m => new EndpointCall(m, path.StartsWith('/') ? path : "/" + path, IsGrpc: false)));
        }
        return [.. calls.Distinct()];
    }

    /// <summary>Sends <paramref name="call"/> with <paramref name="key"/> (null: no Authorization); true when the guard refused it.</summary>
    public async Task<bool> IsRefusedAsync(EndpointCall call, string? key)
    {
        using var request = call.IsGrpc ? GrpcRequest(call) : new HttpRequestMessage(new HttpMethod(call.Method), new Uri(http, call.Path));
        if (!call.IsGrpc && call.Method is "POST" or "PUT")
        {
            request.Content = new ByteArrayContent([1, 2, 3]);
        }
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        // Headers are enough: a refusal is in them (401, or a trailers-only UNAUTHENTICATED), and streams never end.
        using var response = await (call.IsGrpc ? _grpc : _http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (call.IsGrpc)
        {
            return response.Headers.TryGetValues("grpc-status", out var status) && status.Single() == "16";
        }
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("key", body);
        Assert.True(key is null || !body.Contains(key, StringComparison.Ordinal), $"{call} echoed the key: {body}");
        return true;
    }

    private HttpRequestMessage GrpcRequest(EndpointCall call)
    {
        // An empty message: five bytes of gRPC framing (not compressed, length 0).
        var content = new ByteArrayContent(new byte[5]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grpc!, call.Path))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");
        return request;
    }

    public void Dispose()
    {
        _http.Dispose();
        _grpc.Dispose();
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
