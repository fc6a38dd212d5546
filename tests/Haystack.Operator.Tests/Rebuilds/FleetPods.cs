using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;
using k8s.Models;

namespace Haystack.Operator.Tests.Rebuilds;

/// <summary>Store pods as the fleet observer would report them, for the pure rebuild and drain logic.</summary>
internal static class FleetPods
{
    public const long Gi = 1L << 30;

    /// <param name="ready">Ready, with its store container running; a pod that is not ready is restarting (its container waits).</param>
    public static StorePod Pod(int ordinal, string? zone = null, long diskBytes = 100 * Gi, bool ready = true, string? error = null, params PhysicalVolume[] volumes) => new(
        $"photos-store-{ordinal}", ordinal, new Uri($"http://photos-store-{ordinal}.photos-store.haystack.svc:8080/"),
        $"node-{ordinal}", $"node-{ordinal}", zone, ready, $"data-photos-store-{ordinal}", $"claim-uid-{ordinal}", diskBytes,
        error is null && ready ? volumes : [], ready ? error : error ?? "the pod is not ready")
    {
        Running = ready,
    };

    public static PhysicalVolume Volume(uint id, long sizeBytes = Gi, long limitBytes = 10 * Gi, bool readOnly = false) =>
        new(id, sizeBytes, limitBytes, 10, readOnly, PhysicalVolumeState.Serving);

    /// <summary>A Writable Volume of 1 GiB (limit 10 GiB) with a Healthy replica on each of the store pods <paramref name="pods"/>.</summary>
    public static V1Alpha1HaystackVolume Placed(uint id, params int[] pods) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"photos-{id}", NamespaceProperty = "haystack" },
        Spec = new HaystackVolumeSpec { ClusterName = "photos", Id = id, Replicas = pods.Length, SizeLimitBytes = 10 * Gi },
        Status = new HaystackVolumeStatus
        {
            Phase = VolumePhase.Writable,
            Bytes = Gi,
            Placements = [.. pods.Select(p => new VolumePlacement { Pod = $"photos-store-{p}", State = ReplicaState.Healthy })],
        },
    };

    public static PhysicalVolume Failed(uint id) => new(id, 0, 0, 0, false, PhysicalVolumeState.Failed);
}
