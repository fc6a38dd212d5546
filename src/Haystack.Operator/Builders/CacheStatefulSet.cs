using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The cache pods: a StatefulSet for stable names (the hash ring is keyed by them), memory only, so no claims.
/// </summary>
public static class CacheStatefulSet
{
    public static V1StatefulSet Build(V1Alpha1HaystackCluster cluster)
    {
        var spec = cluster.Spec;
        List<string> args =
        [
            "cache",
            "--port", HaystackContainer.Arg(HaystackPorts.Http),
            "--directory", ClusterAddresses.Directory(cluster),
        ];
        // Every pod lists the whole ring in the same order and names itself as the ring names it.
        foreach (var node in ClusterAddresses.CachePods(cluster))
        {
            args.AddRange(["--node", node]);
        }
        args.AddRange(
        [
            "--self", ClusterAddresses.CacheSelf(cluster),
            "--capacity-bytes", HaystackContainer.Arg(spec.Cache.SizeBytes),
            .. ClusterTls.ServerArgs(cluster),
        ]);
        var container = HaystackContainer.Create(cluster, HaystackComponent.Cache, args, spec.Cache.Resources);

        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = ChildMetadata.For(cluster, ClusterNames.Cache(cluster), HaystackComponent.Cache),
            Spec = new V1StatefulSetSpec
            {
                Replicas = spec.Cache.Replicas,
                ServiceName = ClusterNames.Cache(cluster),
                Selector = new V1LabelSelector { MatchLabels = ClusterLabels.Selector(cluster, HaystackComponent.Cache) },
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ClusterLabels.All(cluster, HaystackComponent.Cache) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ClusterNames.DataServiceAccount(cluster),
                        SecurityContext = HaystackContainer.PodSecurityContext(),
                        Affinity = PodPlacement.AntiAffinity(cluster, HaystackComponent.Cache, SpreadPolicy.ScheduleAnyway),
                        Containers = [container],
                        Volumes = HaystackContainer.PodVolumes(cluster),
                    },
                },
            },
        };
    }
}
