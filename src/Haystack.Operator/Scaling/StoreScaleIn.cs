using System.Globalization;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Scaling;

/// <summary>
/// Which store pods a lowered spec.store.replicas removes and how many the StatefulSet keeps meanwhile. Pure. A
/// StatefulSet removes its highest ordinals first, so the pods that go are those at or above the new count; it keeps
/// every pod up to the highest one that still holds a Healthy or Rebuilding replica, and shrinks as they empty.
/// </summary>
public static class StoreScaleIn
{
    /// <summary>Store pods at or above spec.store.replicas, running or named by a placement: their replicas move, nothing new goes there.</summary>
    public static IReadOnlySet<string> Leaving(V1Alpha1HaystackCluster cluster, IEnumerable<V1Alpha1HaystackVolume> volumes, StoreFleet fleet) =>
        fleet.Pods.Select(p => p.Name).Concat(Holding(volumes))
            .Where(p => OrdinalOf(cluster, p) >= cluster.Spec.Store.Replicas)
            .ToHashSet();

    /// <summary>The pod count to run: spec.store.replicas, or more while a pod above it still holds a replica; never more than run now.</summary>
    public static int HeldReplicas(V1Alpha1HaystackCluster cluster, IEnumerable<V1Alpha1HaystackVolume> volumes, int? running)
    {
        var wanted = cluster.Spec.Store.Replicas;
        if (running is not { } current || current <= wanted)
        {
            return wanted;
        }
        var highest = Holding(volumes).Select(p => OrdinalOf(cluster, p)).OfType<int>().DefaultIfEmpty(-1).Max();
        return Math.Clamp(highest + 1, wanted, current);
    }

    /// <summary>The ordinal in <c>{cluster}-store-{n}</c>, or null for another name.</summary>
    public static int? OrdinalOf(V1Alpha1HaystackCluster cluster, string pod)
    {
        var prefix = ClusterNames.Store(cluster) + "-";
        return pod.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(pod.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : null;
    }

    private static IEnumerable<string> Holding(IEnumerable<V1Alpha1HaystackVolume> volumes) =>
        volumes.SelectMany(v => v.Status?.Placements ?? [])
            .Where(p => p.State is ReplicaState.Healthy or ReplicaState.Rebuilding)
            .Select(p => p.Pod)
            .Distinct();
}
