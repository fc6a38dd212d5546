using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Hosting;
using Haystack.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Directory.Http;

/// <summary><c>/healthz</c>, <c>/readyz</c> (ready after the first probe round) and <c>/stats</c>.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnyone();
        routes.MapGet("/readyz", Ready).AllowAnyone();
        routes.MapGet("/stats", Stats).AllowReads();
    }

    private static IResult Ready(VolumeMaintenance maintenance) => maintenance.Rounds > 0
        ? TypedResults.Ok(new { status = "ready" })
        : TypedResults.Json(new ErrorBody("The first probe of the stores has not finished yet."), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult Stats(DirectoryStats stats, VolumeTable table, KeySequence keys, StoreHealth health, VolumeMaintenance maintenance)
    {
        var volumes = table.List();
        return TypedResults.Ok(new
        {
            uploads = stats.Uploads,
            uploaded_bytes = stats.UploadedBytes,
            upload_retries = stats.UploadRetries,
            uploads_unavailable = stats.UploadsUnavailable,
            rejected = stats.Rejected,
            assigns = stats.Assigns,
            lookups = stats.Lookups,
            deletes = stats.Deletes,
            deletes_not_found = stats.DeletesNotFound,
            reports = stats.Reports,
            cache_invalidation_failures = stats.CacheInvalidationFailures,
            next_key = keys.NextKey,
            keys_issued = keys.Issued,
            probe_rounds = maintenance.Rounds,
            volumes = new
            {
                total = volumes.Count,
                writable = volumes.Count(v => v.State == VolumeState.Writable),
                read_only = volumes.Count(v => v.State == VolumeState.ReadOnly),
                degraded = volumes.Count(v => v.State == VolumeState.Degraded),
                free_bytes = volumes.Where(v => v.State == VolumeState.Writable).Sum(v => v.FreeBytes),
            },
            stores = health.Stores.Select(store => health.Latest(store) is { } probe
                ? new { url = Location.Of(store).Url, up = (bool?)probe.IsUp, volumes = probe.Volumes?.Count ?? 0, error = probe.Error }
                : new { url = Location.Of(store).Url, up = (bool?)null, volumes = 0, error = (string?)"not probed yet" }),
        });
    }
}
