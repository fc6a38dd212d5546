using System.Globalization;
using Haystack.Commands.Cli;

namespace Haystack.Commands.Compaction;

/// <summary>The human form of <c>haystack compact</c>'s outcome: a line per volume, one per replica, and a total.</summary>
public static class CompactionText
{
    public static void Write(TextWriter output, IReadOnlyList<VolumeCompaction> volumes, double threshold)
    {
        foreach (var volume in volumes)
        {
            output.WriteLine(Invariant($"volume {volume.VolumeId}: {What(volume.Action, threshold)} (garbage {volume.GarbageRatio * 100:0.#}%, {ByteSize.Format(volume.GarbageBytes)})"));
            foreach (var replica in volume.Replicas)
            {
                output.WriteLine(replica.Error is { } error
                    ? $"  {replica.Store}  failed: {error}"
                    : Invariant($"  {replica.Store}  {replica.SizeBeforeBytes} -> {replica.SizeAfterBytes} bytes, reclaimed {replica.ReclaimedBytes} ({ByteSize.Format(replica.ReclaimedBytes)}), {replica.NeedlesCopied} needles kept, {replica.DurationMs:0} ms"));
            }
        }
        var compacted = volumes.Where(volume => volume.Action == CompactionAction.Compacted).ToList();
        output.WriteLine(Invariant(
            $"{compacted.Count} compacted ({compacted.Sum(volume => volume.Replicas.Count)} replicas, {ByteSize.Format(volumes.Sum(volume => volume.ReclaimedBytes))} reclaimed), ") +
            Invariant($"{volumes.Count(volume => volume.Action == CompactionAction.WouldCompact)} would be, ") +
            Invariant($"{volumes.Count(volume => volume.Action == CompactionAction.BelowThreshold)} below the threshold, {volumes.Count(volume => volume.IsFailure)} failed or skipped"));
    }

    private static string What(CompactionAction action, double threshold) => action switch
    {
        CompactionAction.Compacted => "compacted",
        CompactionAction.WouldCompact => "would be compacted (dry run)",
        CompactionAction.BelowThreshold => Invariant($"below the {threshold * 100:0.#}% threshold, left alone"),
        CompactionAction.Skipped => "skipped",
        _ => "failed",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
