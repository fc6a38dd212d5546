using Haystack.Operator.Entities;
using Haystack.Protocol;
using k8s;

namespace Haystack.Operator.Volumes;

/// <summary>
/// Places an unplaced Volume: choose its pods (<see cref="ReplicaPlacer"/>), ask each store to create the physical
/// volume (idempotent), and only then write the placements and phase Writable, in one status write. The directory
/// writes only to Writable volumes with every placement recorded, so a crash between the steps leaves a volume it
/// ignores; the next reconcile places it again and prefers the pods that already created it.
/// </summary>
public sealed class VolumePlacing(IKubernetes client, StoreCalls stores, TimeProvider time)
{
    /// <summary>Places <paramref name="volume"/>; the outcome says where, or why not.</summary>
    public async Task<PlacingOutcome> PlaceAsync(V1Alpha1HaystackVolume volume, StoreFleet fleet, CancellationToken cancellationToken)
    {
        var id = ClusterVolumes.IdOf(volume);
        var placement = ReplicaPlacer.Place(fleet, id, volume.Spec.Replicas, volume.Spec.SizeLimitBytes);
        if (!placement.IsComplete)
        {
            return new PlacingOutcome(placement, fleet, null, $"volume {id}: {placement.Problem}");
        }

        var results = await Task.WhenAll(placement.Pods.Select(async pod =>
        {
            try
            {
                return (Pod: pod.Name, Status: await stores.CreateVolumeAsync(pod.Url, id, volume.Spec.Replicas, cancellationToken), Error: (string?)null);
            }
            catch (StoreCallException e)
            {
                return (Pod: pod.Name, Status: (VolumeStatus?)null, Error: e.Message);
            }
        }));
        var created = results.Where(r => r.Status is not null).ToList();
        var after = fleet.WithVolume(created.Select(r => r.Pod), new PhysicalVolume(id, 0, volume.Spec.SizeLimitBytes, 0, false, PhysicalVolumeState.Serving));
        if (created.Count < results.Length)
        {
            return new PlacingOutcome(placement, after, null, $"volume {id}: {string.Join("; ", results.Select(r => r.Error).OfType<string>())}");
        }

        volume.Status = new HaystackVolumeStatus
        {
            ObservedGeneration = volume.Metadata.Generation,
            Phase = VolumePhase.Writable,
            Placements = [.. placement.Pods.Select(p => new VolumePlacement { Pod = p.Name, Node = p.Node, Zone = p.Zone, State = ReplicaState.Healthy })],
            Bytes = created.Max(r => r.Status!.SizeBytes),
            Needles = created.Max(r => r.Status!.NeedleCount),
            Conditions = SpreadCondition.With(volume.Status?.Conditions, placement, volume.Metadata.Generation, time.GetUtcNow().UtcDateTime),
        };
        var written = await ClusterVolumes.WriteStatusAsync(client, volume, cancellationToken);
        return written is null
            ? new PlacingOutcome(placement, after, null, $"volume {id} changed while it was placed; placing it again")
            : new PlacingOutcome(placement, after, written, null);
    }
}
