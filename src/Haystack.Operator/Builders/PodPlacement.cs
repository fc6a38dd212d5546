using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// Keeps a component's pods apart: anti-affinity on the node label (required or preferred, per the
/// topology policy) and an even spread over zones. Replicas of a volume live on distinct store pods,
/// so store pods on distinct nodes and zones make replicas fail independently.
/// </summary>
public static class PodPlacement
{
    public static V1Affinity AntiAffinity(V1Alpha1HaystackCluster cluster, string component, SpreadPolicy acrossNodes)
    {
        var term = new V1PodAffinityTerm
        {
            TopologyKey = cluster.Spec.Topology.NodeKey,
            LabelSelector = new V1LabelSelector { MatchLabels = ClusterLabels.Selector(cluster, component) },
        };
        return new V1Affinity
        {
            PodAntiAffinity = acrossNodes == SpreadPolicy.DoNotSchedule
                ? new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] }
                : new V1PodAntiAffinity
                {
                    PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = term }],
                },
        };
    }

    public static List<V1TopologySpreadConstraint> SpreadAcrossZones(V1Alpha1HaystackCluster cluster, string component) =>
    [
        new()
        {
            MaxSkew = 1,
            TopologyKey = cluster.Spec.Topology.ZoneKey,
            WhenUnsatisfiable = cluster.Spec.Topology.AcrossZones.ToString(),
            LabelSelector = new V1LabelSelector { MatchLabels = ClusterLabels.Selector(cluster, component) },
        },
    ];
}
