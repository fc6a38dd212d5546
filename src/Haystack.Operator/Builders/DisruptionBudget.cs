using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// PodDisruptionBudgets: drains take one pod of a component at a time. For stores that keeps every
/// volume with at least replicas-1 live copies; unhealthy stores are not evicted past the budget
/// because they may be mid-recovery, while stateless directory and cache pods always may be.
/// </summary>
public static class DisruptionBudget
{
    public static V1PodDisruptionBudget Store(V1Alpha1HaystackCluster cluster) =>
        Build(cluster, ClusterNames.Store(cluster), HaystackComponent.Store, "IfHealthyBudget");

    public static V1PodDisruptionBudget Directory(V1Alpha1HaystackCluster cluster) =>
        Build(cluster, ClusterNames.Directory(cluster), HaystackComponent.Directory, "AlwaysAllow");

    public static V1PodDisruptionBudget Cache(V1Alpha1HaystackCluster cluster) =>
        Build(cluster, ClusterNames.Cache(cluster), HaystackComponent.Cache, "AlwaysAllow");

    private static V1PodDisruptionBudget Build(V1Alpha1HaystackCluster cluster, string name, string component, string unhealthyPodEvictionPolicy) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = ChildMetadata.For(cluster, name, component),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = ClusterLabels.Selector(cluster, component) },
            UnhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy,
        },
    };
}
