using Haystack.Protocol;

namespace Haystack.Operator.Volumes;

/// <summary>The part of a store's <c>/stats</c> the operator reads: its volumes and the ones it could not open.</summary>
public sealed record StoreReport(IReadOnlyList<VolumeStatus> Volumes, IReadOnlyDictionary<uint, string> FailedVolumes)
{
    public IReadOnlyList<PhysicalVolume> PhysicalVolumes =>
    [
        .. Volumes.Select(v => new PhysicalVolume(v.VolumeId, v.SizeBytes, v.SizeLimitBytes, v.NeedleCount, v.ReadOnly, PhysicalVolumeState.Serving)),
        .. FailedVolumes.Keys.Where(id => Volumes.All(v => v.VolumeId != id))
            .Select(id => new PhysicalVolume(id, 0, 0, 0, false, PhysicalVolumeState.Failed)),
    ];
}
