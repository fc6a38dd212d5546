namespace Haystack.Storage;

/// <summary>A point-in-time view of one volume, for placement, read-only and compaction decisions.</summary>
/// <param name="SizeBytes">Logical length of the data file (superblock + needles).</param>
/// <param name="NeedleCount">Live needles: readable with the right cookie.</param>
/// <param name="LiveBytes">Bytes of live needles on disk (headers and padding included).</param>
/// <param name="GarbageNeedleCount">Needles deleted or superseded by an overwrite; compaction drops them.</param>
/// <param name="GarbageBytes">Bytes held by garbage needles.</param>
public sealed record VolumeStats(
    VolumeId VolumeId,
    long SizeBytes,
    long SizeLimitBytes,
    long NeedleCount,
    long LiveBytes,
    long GarbageNeedleCount,
    long GarbageBytes,
    bool IsReadOnly,
    uint CompactionRevision,
    byte ReplicaCount)
{
    /// <summary>Share of needle bytes that compaction would reclaim, 0..1.</summary>
    public double GarbageRatio => LiveBytes + GarbageBytes == 0 ? 0 : (double)GarbageBytes / (LiveBytes + GarbageBytes);

    /// <summary>fdatasyncs of the current data file since it was opened (or compacted): group commit at work.</summary>
    public long DataFlushes { get; init; }

    /// <summary>Bytes left before the size limit.</summary>
    public long FreeBytes => Math.Max(0, SizeLimitBytes - SizeBytes);
}
