using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Turns full Writable volumes ReadOnly (<see cref="ReadOnlyRule"/>, spec.readOnlyThreshold) and makes every
/// replica of a ReadOnly volume read-only on its store. The status is written first, so the directories stop
/// picking the volume before the stores refuse writes; a store that cannot be reached now is marked next time.
/// </summary>
public sealed class ReadOnlyVolumesStep : IReconcileStep
{
    public string Name => "read-only-volumes";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        foreach (var volume in await ClusterVolumes.ListAsync(context.Client, context.Cluster, cancellationToken))
        {
            var current = volume;
            if (current.Status?.Phase == VolumePhase.Writable
                && ReadOnlyRule.ReasonToTurnReadOnly(current, context.Fleet, context.Cluster.Spec.ReadOnlyThreshold) is { } reason)
            {
                current.Status.Phase = VolumePhase.ReadOnly;
                var replicas = ReadOnlyRule.Replicas(current, context.Fleet).ToList();
                current.Status.Bytes = Math.Max(current.Status.Bytes, replicas.Select(r => r.Volume.SizeBytes).DefaultIfEmpty().Max());
                current.Status.Needles = Math.Max(current.Status.Needles, replicas.Select(r => r.Volume.NeedleCount).DefaultIfEmpty().Max());
                if (await ClusterVolumes.WriteStatusAsync(context.Client, current, cancellationToken) is not { } written)
                {
                    continue;
                }
                current = written;
                await context.Events.RecordAsync(context.Cluster, EventRecorder.Normal, "VolumeReadOnly",
                    $"Volume {current.Spec.Id} is read-only: {reason}", cancellationToken);
            }
            if (current.Status?.Phase == VolumePhase.ReadOnly)
            {
                await MarkReplicasAsync(context, current, cancellationToken);
            }
        }
    }

    private static Task MarkReplicasAsync(ReconcileContext context, V1Alpha1HaystackVolume volume, CancellationToken cancellationToken) =>
        Task.WhenAll(ReadOnlyRule.Replicas(volume, context.Fleet)
            .Where(r => !r.Volume.ReadOnly)
            .Select(async r =>
            {
                try
                {
                    await context.Stores.MarkReadOnlyAsync(r.Url, ClusterVolumes.IdOf(volume), cancellationToken);
                }
                catch (StoreCallException)
                {
                    // The pod stays in the fleet as not read-only; the next reconcile asks again.
                }
            }));
}
