namespace Haystack.Client;

/// <summary>One replica of a volume as its store reports it (<c>GET /volumes/{id}</c> on the store).</summary>
/// <param name="VolumeId">The volume.</param>
/// <param name="SizeBytes">Bytes the data file holds.</param>
/// <param name="SizeLimitBytes">The most it may hold.</param>
/// <param name="FreeBytes">Bytes left below the limit.</param>
/// <param name="NeedleCount">Live photos.</param>
/// <param name="LiveBytes">Bytes of the live photos.</param>
/// <param name="GarbageNeedleCount">Deleted or overwritten photos still in the file.</param>
/// <param name="GarbageBytes">Their bytes: what a compaction reclaims.</param>
/// <param name="GarbageRatio">Garbage bytes as a fraction of the file.</param>
/// <param name="ReadOnly">The replica refuses writes.</param>
/// <param name="CompactionRevision">How many times the replica was compacted.</param>
/// <param name="ReplicaCount">Replicas recorded in its superblock.</param>
public sealed record StoreVolumeStatus(
    uint VolumeId,
    long SizeBytes,
    long SizeLimitBytes,
    long FreeBytes,
    long NeedleCount,
    long LiveBytes,
    long GarbageNeedleCount,
    long GarbageBytes,
    double GarbageRatio,
    bool ReadOnly,
    uint CompactionRevision,
    int ReplicaCount);
