using Haystack.Protocol;
using Haystack.Storage;

namespace Haystack.Store.Scrub;

/// <summary>A volume's scrub state in the shared wire records (<see cref="ScrubStatus"/>, <see cref="ScrubReport"/>).</summary>
internal static class ScrubReports
{
    public static ScrubStatus Status(VolumeScrub state)
    {
        var checkpoint = state.Checkpoint;
        var end = state.Volume.Stats.SizeBytes;
        var offset = checkpoint.PassStarted is null && checkpoint.LastPassCompleted is not null ? end : Math.Clamp(checkpoint.Offset, 0, end);
        return new ScrubStatus(offset, end, checkpoint.PassStarted, checkpoint.LastPassCompleted, checkpoint.Passes, checkpoint.Findings.Count, checkpoint.Repairs);
    }

    public static ScrubReport Report(VolumeScrub state) => new(
        state.Volume.Id.Value,
        Status(state),
        [.. state.Checkpoint.Findings.Select(f => new ScrubFindingReport(f.Id.Key, f.Id.AlternateKey, f.Offset, f.Length, f.Problem, f.Missing, f.FoundAt))]);

    public static string Outcome(NeedleRepair outcome) => outcome switch
    {
        NeedleRepair.Rewritten => "rewritten",
        NeedleRepair.Appended => "appended",
        NeedleRepair.AlreadyIntact => "already_intact",
        _ => "deleted",
    };
}
