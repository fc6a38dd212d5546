using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// Decides whether a replica is lost, from what the operator saw of its pod, claim, store and node. Pure. A replica
/// is lost when its claim is gone or was replaced (another uid than recorded at placement: a new, empty disk), when its store
/// answers without the volume or with the volume failed to open, or when its pod's node has been gone (deleted or
/// NotReady) longer than the grace period, or when its store container runs on a Ready node but has not answered for
/// longer than the grace period (hung: the disk is there, but no one can read it). A pod that is restarting or being
/// recreated on a Ready node is only unavailable, however long it takes: its disk is still there.
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
            return pod is { Running: true }
                ? Clock(name, $"its store has not answered ({pod.Error ?? "the pod is not ready"}) on Ready {node}", placement.UnavailableSince ?? now, now, grace)
                : new(ReplicaCondition.Unavailable, $"{name}: {(pod is null ? "the pod is being recreated" : "the pod is not running")} on Ready {node}");
        }
        return Clock(name, node.ToString(), Earliest(placement.UnavailableSince, node.NotReadySince) ?? now, now, grace);
    }

    /// <summary>Unavailable since <paramref name="since"/>, and lost once that is the grace period ago.</summary>
    private static ReplicaVerdict Clock(string name, string what, DateTime since, DateTime now, TimeSpan grace) =>
        now - since >= grace
            ? new(ReplicaCondition.Lost, $"{name}: {what} since {since:u}, past the {grace.TotalSeconds:0} s grace period", since)
            : new(ReplicaCondition.Unavailable, $"{name}: {what} since {since:u}; lost after {grace.TotalSeconds:0} s", since);

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
