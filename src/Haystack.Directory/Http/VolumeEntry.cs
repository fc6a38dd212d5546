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
    bool NeedsRepair)
{
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
