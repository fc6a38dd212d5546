using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Store.Scrub;
using Haystack.Store.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Store.Http;

/// <summary><c>/stats</c> (Backpack-shaped figures plus per-volume state), <c>/healthz</c> and <c>/readyz</c>.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnyone();
        routes.MapGet("/readyz", Ready).AllowAnyone();
        routes.MapGet("/stats", Stats).AllowReads();
    }

    private static IResult Ready(VolumeSet volumes) => volumes.IsLoaded
        ? TypedResults.Ok(new { status = "ready", volumes = volumes.Count, failed_volumes = volumes.FailedVolumes })
        : TypedResults.Json(new ErrorBody($"Still opening volumes ({volumes.Count} open so far)."), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult Stats(StoreStats stats, VolumeSet volumes, StoreScrubber scrubber) => TypedResults.Ok(new
    {
        gets = stats.Gets.Snapshot(),
        puts = stats.Puts.Snapshot(),
        deletes = stats.Deletes.Snapshot(),
        not_found = stats.NotFound,
        rejected = stats.Rejected,
        aborted_uploads = stats.AbortedUploads,
        corrupt_reads = stats.CorruptReads,
        scrub = ScrubEndpoints.Figures(scrubber),
        volumes = volumes.List().Select(v => VolumeStatusReport.From(v, scrubber)),
        failed_volumes = volumes.FailedVolumes,
    });
}
