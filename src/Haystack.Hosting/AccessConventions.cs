using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Hosting;

/// <summary>How an endpoint opts out of the write key; there is no way to opt in, as that is the default.</summary>
public static class AccessConventions
{
    private static readonly AccessAttribute ForReads = new(AccessLevel.Read);
    private static readonly AccessAttribute ForAnyone = new(AccessLevel.Anyone);

    /// <summary>A read: open unless a read key is configured.</summary>
    public static TBuilder AllowReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ForReads);

    /// <summary>A probe: open whatever keys are configured (kubelet presents none).</summary>
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ForAnyone);

    /// <summary>A route group whose endpoints are reads, for endpoints mapped by code that sets no metadata (/metrics).</summary>
    public static IEndpointRouteBuilder Reads(this IEndpointRouteBuilder routes) => routes.MapGroup("").AllowReads();
}
