using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Volumes;
using k8s;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// Applies <see cref="ReplicaLoss"/> to every placement of the cluster's Volumes and records the verdicts in their
/// status: a lost replica turns Missing (the Volume Degraded, a Warning Event naming the pod and why), an unavailable
/// one keeps the time it went away, a Volume whose every replica is lost turns Lost (<see cref="VolumeLoss"/>, an Event), and a claim uid is recorded where none was yet. A pod's node comes with the fleet
/// (<see cref="StorePod.NodeHealth"/>); a Node is read here only for a replica whose pod is gone or unscheduled, by the
/// node recorded at placement.
/// </summary>
public sealed class LossScan(ReconcileContext context)
{
    private readonly Dictionary<string, NodeHealth> _nodes = [];

    /// <summary>The Volumes as they are after the scan (written where something changed).</summary>
    public async Task<List<V1Alpha1HaystackVolume>> RunAsync(List<V1Alpha1HaystackVolume> volumes, CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromSeconds(context.Cluster.Spec.Store.ReplicaLossGracePeriodSeconds);
        var now = context.Time.GetUtcNow().UtcDateTime;
        var scanned = new List<V1Alpha1HaystackVolume>(volumes.Count);
        foreach (var volume in volumes)
        {
            var lost = new List<string>();
            var changed = false;
            foreach (var placement in volume.Status?.Placements?.Where(p => p.State != ReplicaState.Rebuilding) ?? [])
            {
                var pod = context.Fleet.Find(placement.Pod);
                var node = await NodeOfAsync(placement, pod, cancellationToken);
                var verdict = ReplicaLoss.Judge(placement, ClusterVolumes.IdOf(volume), pod, node, now, grace);
                changed |= Record(placement, pod, verdict, lost);
            }
            if (lost.Count > 0 && volume.Status!.Phase is VolumePhase.Writable or VolumePhase.ReadOnly or null)
            {
                volume.Status.ResumePhase ??= volume.Status.Phase ?? VolumePhase.Writable;
                volume.Status.Phase = VolumePhase.Degraded;
            }
            var gone = VolumeLoss.IsNewlyLost(volume) ? VolumeLoss.MarkLost(volume, now) : null;
            var written = changed || gone is not null ? await ClusterVolumes.WriteStatusAsync(context.Client, volume, cancellationToken) : volume;
            if (written is not null && gone is not null)
            {
                await context.Events.RecordAsync(context.Cluster, EventRecorder.Warning, "VolumeLost", $"Volume {volume.Spec.Id} is lost: {gone}", cancellationToken);
            }
            else if (written is not null && lost.Count > 0)
            {
                await context.Events.RecordAsync(context.Cluster, EventRecorder.Warning, "ReplicaLost",
                    $"Volume {volume.Spec.Id} is degraded: {string.Join("; ", lost)}", cancellationToken);
            }
            scanned.Add(written ?? volume);
        }
        return scanned;
    }

    /// <summary>Writes the verdict into the placement; true when it changed. Newly lost replicas are added to <paramref name="lost"/>.</summary>
    private static bool Record(VolumePlacement placement, StorePod? pod, ReplicaVerdict verdict, List<string> lost)
    {
        var before = (placement.State, placement.UnavailableSince, placement.Reason, placement.ClaimUid);
        if (verdict.IsLost)
        {
            if (placement.State != ReplicaState.Missing)
            {
                lost.Add(verdict.Reason!);
            }
            placement.State = ReplicaState.Missing;
            placement.Reason = verdict.Reason;
        }
        else if (placement.State == ReplicaState.Healthy)
        {
            placement.UnavailableSince = verdict.UnavailableSince;
            placement.Reason = verdict.Condition == ReplicaCondition.Unavailable ? verdict.Reason : null;
            if (verdict.Condition == ReplicaCondition.Healthy)
            {
                placement.ClaimUid ??= pod?.ClaimUid;
            }
        }
        return before != (placement.State, placement.UnavailableSince, placement.Reason, placement.ClaimUid);
    }

    private async Task<NodeHealth> NodeOfAsync(VolumePlacement placement, StorePod? pod, CancellationToken cancellationToken)
    {
        if (pod?.NodeHealth is { } observed)
        {
            return observed;
        }
        var name = placement.Node;
        if (name is null)
        {
            return NodeHealth.Gone(null);
        }
        if (!_nodes.TryGetValue(name, out var health))
        {
            var node = await context.Client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken).OrNullWhenNotFound();
            _nodes[name] = health = node is null ? NodeHealth.Gone(name) : NodeHealth.Of(node);
        }
        return health;
    }
}
