using Haystack.Cache.Memory;
using Haystack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Cache.Http;

/// <summary><c>/stats</c> (hit rate, bytes, store traffic), <c>/healthz</c> and <c>/readyz</c>.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnyone();
        // A cache holds nothing it must load first: it can serve (misses through the stores) as soon as it listens.
        routes.MapGet("/readyz", () => TypedResults.Ok(new { status = "ready" })).AllowAnyone();
        routes.MapGet("/stats", Stats).AllowReads();
    }

    private static IResult Stats(CacheStats stats, PhotoCache cache, CacheTopology topology) => TypedResults.Ok(new
    {
        hits = stats.Hits,
        misses = stats.Misses,
        hit_rate = Math.Round(stats.HitRate, 4),
        bytes_served = stats.BytesServed,
        bytes_cached = cache.Bytes,
        items = cache.Count,
        evictions = cache.Evictions,
        capacity_bytes = cache.CapacityBytes,
        max_item_bytes = cache.MaxEntryBytes,
        not_found = stats.NotFound,
        unavailable = stats.Unavailable,
        not_cached = stats.NotCached,
        store_fetches = stats.StoreFetches,
        failovers = stats.Failovers,
        coalesced = stats.Coalesced,
        forwarded = stats.Forwarded,
        owner_unreachable = stats.OwnerUnreachable,
        reports_sent = stats.ReportsSent,
        reports_failed = stats.ReportsFailed,
        node = topology.Self,
        nodes = topology.Ring.Nodes,
    });
}
