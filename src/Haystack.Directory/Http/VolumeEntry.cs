using Haystack.Directory.Repair;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;

namespace Haystack.Directory.Http;

/// <summary>One row of <c>GET /volumes</c>.</summary>
public sealed record VolumeEntry(
    uint Id,
    VolumeState State,
    IReadOnlyList<string> Replicas,
    long SizeBytes,
    long SizeLimitBytes,
    long FreeBytes,
    long Needles,
    string? Reason,
    bool NeedsRepair,
    IReadOnlyList<ReplicaScrubEntry>? Scrub = null,
    VolumeRepairs? Repairs = null)
{
    /// <summary>The row with each replica's scrub progress from the latest probes and what the Directory repaired.</summary>
    public static VolumeEntry From(LogicalVolume volume, StoreHealth health, ReplicaRepairer repairer) => From(volume) with
    {
        Scrub = [.. volume.Replicas.Select(r => new ReplicaScrubEntry(Location.Of(r).Url, health.Latest(r)?.Find(volume.Id)?.Scrub))],
        Repairs = repairer.RepairsOf(volume.Id),
    };

    public static VolumeEntry From(LogicalVolume volume) => new(
        volume.Id,
        volume.State,
        [.. volume.Replicas.Select(r => Location.Of(r).Url)],
        volume.SizeBytes,
        volume.SizeLimitBytes,
        volume.FreeBytes,
        volume.NeedleCount,
        volume.Reason,
        volume.NeedsRepair);
}
