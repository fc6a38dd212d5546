using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The directory pods: stateless (their table is the Volume resources), so a Deployment that never
/// takes a pod away before its replacement is ready.
/// </summary>
public static class DirectoryDeployment
{
    public const string StateVolumeName = "state";
    public const string StateDirectory = "/var/lib/haystack";

    /// <summary>
    /// The volume table as a JSON file on an emptyDir (the root filesystem is read-only): per pod and gone with it.
    /// A stopgap only; the Kubernetes Volume table source (IVolumeTableSource over the Volume resources) replaces
    /// this file in a later issue, and with it every directory pod sees one table.
    /// </summary>
    public const string StateFile = StateDirectory + "/volumes.json";

    public static V1Deployment Build(V1Alpha1HaystackCluster cluster)
    {
        var spec = cluster.Spec;
        List<string> args =
        [
            "directory",
            "--state", StateFile,
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
            // In Kubernetes the operator creates volumes; the directory's own creation is for dev clusters.
            "--writable-volumes", "0",
        ]);
        var container = HaystackContainer.Create(cluster, HaystackComponent.Directory, args, spec.Directory.Resources);
        container.Ports!.Add(HaystackContainer.GrpcPort());
        container.VolumeMounts!.Add(new V1VolumeMount { Name = StateVolumeName, MountPath = StateDirectory });

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
                        Volumes =
                        [
                            HaystackContainer.ConfigVolume(cluster),
                            new V1Volume { Name = StateVolumeName, EmptyDir = new V1EmptyDirVolumeSource() },
                        ],
                    },
                },
            },
        };
    }
}
