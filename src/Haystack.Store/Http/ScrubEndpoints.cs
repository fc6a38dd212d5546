using System.Globalization;
using Haystack.Store.Scrub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Store.Http;

/// <summary>
/// The background scrub: <c>GET /scrub</c> (rate, pause state, totals), <c>POST /scrub/pause</c>, <c>POST /scrub/resume</c>,
/// <c>POST /scrub/rate?bytes_per_second=N</c>, and per volume <c>GET /volumes/{id}/scrub</c> (status and open findings)
/// and <c>POST /volumes/{id}/scrub</c> (a whole pass now).
/// </summary>
internal static class ScrubEndpoints
{
    public static void MapScrubEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/scrub", Summary);
        routes.MapPost("/scrub/pause", (StoreScrubber scrubber) =>
        {
            scrubber.Pacer.Pause();
            return Summary(scrubber);
        });
        routes.MapPost("/scrub/resume", (StoreScrubber scrubber) =>
        {
            scrubber.Pacer.Resume();
            return Summary(scrubber);
        });
        routes.MapPost("/scrub/rate", SetRate);
        routes.MapGet("/volumes/{volumeId}/scrub", (string volumeId, VolumeSet volumes, StoreScrubber scrubber) =>
            TypedResults.Ok(ScrubReports.Report(scrubber.StateOf(volumes.Get(RequestIds.Volume(volumeId))))));
        routes.MapPost("/volumes/{volumeId}/scrub", (string volumeId, VolumeSet volumes, StoreScrubber scrubber) =>
        {
            var volume = volumes.Get(RequestIds.Volume(volumeId));
            scrubber.RequestPass(volume);
            return TypedResults.Accepted($"/volumes/{volume.Id}/scrub", ScrubReports.Status(scrubber.StateOf(volume)));
        });
    }

    /// <summary>What /stats and /scrub report about the scrub as a whole.</summary>
    public static object Figures(StoreScrubber scrubber)
    {
        var states = scrubber.States.ToArray();
        return new
        {
            rate_limit_bytes_per_second = scrubber.Pacer.BytesPerSecond,
            paused = scrubber.Pacer.IsPaused,
            measured_bytes_per_second = Math.Round(scrubber.Pacer.MeasuredBytesPerSecond),
            read_bytes = scrubber.Pacer.TotalBytes,
            needles_checked = scrubber.NeedlesChecked,
            open_findings = states.Sum(s => s.Checkpoint.Findings.Count),
            repairs = states.Sum(s => s.Checkpoint.Repairs),
        };
    }

    private static IResult Summary(StoreScrubber scrubber) => TypedResults.Ok(Figures(scrubber));

    private static IResult SetRate([FromQuery(Name = "bytes_per_second")] string? bytesPerSecond, StoreScrubber scrubber)
    {
        if (!long.TryParse(bytesPerSecond, NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
        {
            throw new StoreException(StoreFailure.InvalidArgument,
                $"bytes_per_second '{bytesPerSecond}' is not a number of bytes per second (0 pauses the scrub); nothing changed.");
        }
        scrubber.Pacer.SetRate(rate);
        return Summary(scrubber);
    }
}
