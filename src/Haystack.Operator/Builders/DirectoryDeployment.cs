using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The directory pods: stateless, as their table is the cluster's Volume resources and their photo keys are
/// reserved in a ConfigMap (<c>--kubernetes</c>, through the in-cluster service account), so every replica serves
/// the same table and a Deployment that never takes a pod away before its replacement is ready.
/// </summary>
public static class DirectoryDeployment
{
    public static V1Deployment Build(V1Alpha1HaystackCluster cluster)
    {
        var spec = cluster.Spec;
        List<string> args =
        [
            "directory",
            "--kubernetes",
            "--cluster", ClusterNames.Name(cluster),
            "--namespace", ClusterNames.Namespace(cluster),
            "--store-port", HaystackContainer.Arg(HaystackPorts.Http),
            .. StoreScheme(cluster),
            "--port", HaystackContainer.Arg(HaystackPorts.Http),
            "--grpc-port", HaystackContainer.Arg(HaystackPorts.Grpc),
        ];
        foreach (var store in ClusterAddresses.StorePods(cluster))
        {
            args.AddRange(["--store", store]);
        }
        foreach (var cache in ClusterAddresses.CachePods(cluster))
        {
            args.AddRange(["--cache", cache]);
        }
        args.AddRange(
        [
            "--replication", HaystackContainer.Arg(spec.Volume.Replicas),
            "--volume-size-limit", HaystackContainer.Arg(spec.Volume.SizeLimitBytes),
            "--read-only-threshold", HaystackContainer.Arg(spec.ReadOnlyThreshold),
            .. ClusterTls.ServerArgs(cluster),
        ]);
        var container = HaystackContainer.Create(cluster, HaystackComponent.Directory, args, spec.Directory.Resources);
        container.Ports!.Add(HaystackContainer.GrpcPort());

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = ChildMetadata.For(cluster, ClusterNames.Directory(cluster), HaystackComponent.Directory),
            Spec = new V1DeploymentSpec
            {
                Replicas = spec.Directory.Replicas,
                Selector = new V1LabelSelector { MatchLabels = ClusterLabels.Selector(cluster, HaystackComponent.Directory) },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ClusterLabels.All(cluster, HaystackComponent.Directory) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ClusterNames.DataServiceAccount(cluster),
                        SecurityContext = HaystackContainer.PodSecurityContext(),
                        Affinity = PodPlacement.AntiAffinity(cluster, HaystackComponent.Directory, SpreadPolicy.ScheduleAnyway),
                        Containers = [container],
                        Volumes = HaystackContainer.PodVolumes(cluster),
                    },
                },
            },
        };
    }

    /// <summary>The scheme of the replica URLs the directory builds from the Volumes' placements; plain http is its default.</summary>
    private static IEnumerable<string> StoreScheme(V1Alpha1HaystackCluster cluster) =>
        ClusterTls.Enabled(cluster) ? ["--store-scheme", ClusterTls.Scheme(cluster)] : [];
}
