namespace Haystack.Storage;

/// <summary>The outcome of one compaction: sizes before and after, and the new compaction revision.</summary>
public sealed record CompactionResult(
    VolumeId VolumeId,
    uint CompactionRevision,
    long SizeBeforeBytes,
    long SizeAfterBytes,
    long NeedlesCopied,
    TimeSpan Duration)
{
    public long ReclaimedBytes => SizeBeforeBytes - SizeAfterBytes;
}
