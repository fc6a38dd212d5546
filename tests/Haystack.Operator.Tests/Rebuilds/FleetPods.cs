using Haystack.Operator.Volumes;

namespace Haystack.Operator.Tests.Rebuilds;

/// <summary>Store pods as the fleet observer would report them, for the pure rebuild and drain logic.</summary>
internal static class FleetPods
{
    public const long Gi = 1L << 30;

    public static StorePod Pod(int ordinal, string? zone = null, long diskBytes = 100 * Gi, bool ready = true, string? error = null, params PhysicalVolume[] volumes) => new(
        $"photos-store-{ordinal}", ordinal, new Uri($"http://photos-store-{ordinal}.photos-store.haystack.svc:8080/"),
        $"node-{ordinal}", $"node-{ordinal}", zone, ready, $"data-photos-store-{ordinal}", $"claim-uid-{ordinal}", diskBytes,
        error is null && ready ? volumes : [], ready ? error : error ?? "the pod is not ready");

    public static PhysicalVolume Volume(uint id, long sizeBytes = Gi, long limitBytes = 10 * Gi, bool readOnly = false) =>
        new(id, sizeBytes, limitBytes, 10, readOnly, PhysicalVolumeState.Serving);

    public static PhysicalVolume Failed(uint id) => new(id, 0, 0, 0, false, PhysicalVolumeState.Failed);
}
