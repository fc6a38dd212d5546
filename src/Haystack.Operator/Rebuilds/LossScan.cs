using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Volumes;
using k8s;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// Applies <see cref="ReplicaLoss"/> to every placement of the cluster's Volumes and records the verdicts in their
/// status: a lost replica turns Missing (the Volume Degraded, a Warning Event naming the pod and why), an unavailable
/// one keeps the time its node went away, and a claim uid is recorded where none was yet. Nodes are read only for
/// pods that are not serving, so a healthy fleet costs no extra reads.
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
            var written = changed ? await ClusterVolumes.WriteStatusAsync(context.Client, volume, cancellationToken) : volume;
            if (written is not null && lost.Count > 0)
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
        if (pod is { Ready: true, Answers: true })
        {
            return new NodeHealth(pod.Node, true, true, null);
        }
        var name = pod?.Node ?? placement.Node;
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
