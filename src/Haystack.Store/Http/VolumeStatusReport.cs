using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Store.Scrub;

namespace Haystack.Store.Http;

/// <summary>A volume's engine statistics as the admin endpoints and /stats report them.</summary>
internal static class VolumeStatusReport
{
    public static VolumeStatus From(VolumeStats stats, ScrubStatus? scrub = null) => new(
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
        stats.ReplicaCount,
        scrub);

    /// <summary>An open volume's statistics with where its scrub stands.</summary>
    public static VolumeStatus From(Volume volume, StoreScrubber scrubber) => From(volume.Stats, ScrubReports.Status(scrubber.StateOf(volume)));
}
