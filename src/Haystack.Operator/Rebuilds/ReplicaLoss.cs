using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// Decides whether a replica is lost, from what the operator saw of its pod, claim, store and node. Pure. A replica
/// is lost when its claim is gone or was replaced (another uid than recorded at placement: a new, empty disk), when its store
/// answers without the volume or with the volume failed to open, or when its pod's node has been gone (deleted or
/// NotReady) longer than the grace period. A pod that is restarting, or a store that does not answer, on a Ready node
/// is only unavailable: its disk is still there.
/// </summary>
public static class ReplicaLoss
{
    /// <param name="pod">The store pod as observed; null when no such pod exists now.</param>
    /// <param name="node">The node of the pod (or, without a pod, the node recorded at placement).</param>
    public static ReplicaVerdict Judge(VolumePlacement placement, uint volumeId, StorePod? pod, NodeHealth node, DateTime now, TimeSpan grace)
    {
        var name = placement.Pod;
        if (pod is not null && pod.ClaimUid is null && placement.ClaimUid is not null)
        {
            return new(ReplicaCondition.Lost, $"{name}: its claim {pod.ClaimName} is gone");
        }
        if (pod?.ClaimUid is { } uid && placement.ClaimUid is { } placedUid && uid != placedUid)
        {
            return new(ReplicaCondition.Lost, $"{name}: its claim {pod.ClaimName} was replaced (uid {placedUid} is now {uid}), so its disk is new");
        }
        if (pod is { Answers: true, Ready: true })
        {
            return pod.Find(volumeId) switch
            {
                null => new(ReplicaCondition.Lost, $"{name}: the store reports volume {volumeId} missing"),
                { State: PhysicalVolumeState.Failed } => new(ReplicaCondition.Lost, $"{name}: the store reports volume {volumeId} corrupt (it failed to open)"),
                _ => ReplicaVerdict.Healthy,
            };
        }
        if (node.Exists && node.Ready)
        {
            return new(ReplicaCondition.Unavailable, $"{name}: {(pod is null ? "the pod is being recreated" : pod.Error ?? "the pod is not ready")} on Ready {node}");
        }
        var since = Earliest(placement.UnavailableSince, node.NotReadySince) ?? now;
        var down = now - since;
        return down >= grace
            ? new(ReplicaCondition.Lost, $"{name}: {node} since {since:u}, past the {grace.TotalSeconds:0} s grace period", since)
            : new(ReplicaCondition.Unavailable, $"{name}: {node} since {since:u}; lost after {grace.TotalSeconds:0} s", since);
    }

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
