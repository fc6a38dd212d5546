using System.Globalization;
using Haystack.Kubernetes.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The directory pods: stateless (their table is the Volume resources), so a Deployment that never
/// takes a pod away before its replacement is ready.
/// </summary>
public static class DirectoryDeployment
{
    public static V1Deployment Build(V1Alpha1HaystackCluster cluster)
    {
        var spec = cluster.Spec;
        var container = HaystackContainer.Create(cluster, HaystackComponent.Directory,
        [
            "directory",
            "--port", HaystackPorts.Http.ToString(CultureInfo.InvariantCulture),
            "--config", HaystackContainer.ConfigFile,
        ], spec.Directory.Resources);

        return new V1Deployment
        {
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
                        Volumes = [HaystackContainer.ConfigVolume(cluster)],
                    },
                },
            },
        };
    }
}
