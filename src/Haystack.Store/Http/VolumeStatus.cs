using Haystack.Storage;

namespace Haystack.Store.Http;

/// <summary>One volume as the admin endpoints and /stats report it (snake_case JSON).</summary>
public sealed record VolumeStatus(
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
    int ReplicaCount)
{
    public static VolumeStatus From(VolumeStats stats) => new(
        stats.VolumeId.Value,
        stats.SizeBytes,
        stats.SizeLimitBytes,
        stats.FreeBytes,
        stats.NeedleCount,
        stats.LiveBytes,
        stats.GarbageNeedleCount,
        stats.GarbageBytes,
        stats.GarbageRatio,
        stats.IsReadOnly,
        stats.CompactionRevision,
        stats.ReplicaCount);
}
