namespace Haystack.Client;

/// <summary>What one store answered after compacting its replica of a volume.</summary>
/// <param name="VolumeId">The volume.</param>
/// <param name="CompactionRevision">The replica's revision after this compaction.</param>
/// <param name="SizeBeforeBytes">The data file's size before.</param>
/// <param name="SizeAfterBytes">Its size after.</param>
/// <param name="ReclaimedBytes">Bytes given back.</param>
/// <param name="NeedlesCopied">Live photos copied into the new file.</param>
/// <param name="DurationMs">How long the store took, in milliseconds.</param>
public sealed record CompactionReport(
    uint VolumeId,
    uint CompactionRevision,
    long SizeBeforeBytes,
    long SizeAfterBytes,
    long ReclaimedBytes,
    long NeedlesCopied,
    double DurationMs);
