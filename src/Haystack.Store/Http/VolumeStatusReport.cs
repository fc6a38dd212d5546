using Haystack.Protocol;
using Haystack.Storage;

namespace Haystack.Store.Http;

/// <summary>A volume's engine statistics as the admin endpoints and /stats report them.</summary>
internal static class VolumeStatusReport
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
