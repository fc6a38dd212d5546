using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Haystack.Hosting;

/// <summary>
/// Keeps the gRPC endpoints to the HTTP/2 port: on the HTTP/1.1 port a gRPC path matches the server's other
/// endpoints (its JSON 404 fallback), as it did when gRPC had a port of its own. Only route-table nodes that hold
/// gRPC methods consult it, so needle requests never do.
/// </summary>
internal sealed class GrpcOnlyOverHttp2Policy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (!HttpProtocol.IsHttp2(httpContext.Request.Protocol))
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (candidates[i].Endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
                {
                    candidates.SetValidity(i, false);
                }
            }
        }
        return Task.CompletedTask;
    }
}
