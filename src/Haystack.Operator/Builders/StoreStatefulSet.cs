using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The store pods: one StatefulSet whose pods each claim a local XFS disk from the configured
/// StorageClass. Pods start in parallel (each recovers only its own volumes) and claims are retained
/// when the cluster is scaled down, and when it is deleted unless spec.store.deleteClaimsWithCluster says
/// otherwise, because they hold the photos.
/// </summary>
public static class StoreStatefulSet
{
    public const string DataVolumeName = "data";
    public const string DataDirectory = "/data";

    public static V1StatefulSet Build(V1Alpha1HaystackCluster cluster) => Build(cluster, cluster.Spec.Store.Replicas);

    /// <param name="replicas">
    /// The pod count to run. A scale-in holds the old count while the pods that will go still hold replicas
    /// (see <c>Scaling.StoreScaleIn</c>).
    /// </param>
    public static V1StatefulSet Build(V1Alpha1HaystackCluster cluster, int replicas)
    {
        var spec = cluster.Spec;
        var container = HaystackContainer.Create(cluster, HaystackComponent.Store,
        [
            "store",
            "--data", DataDirectory,
            "--port", HaystackContainer.Arg(HaystackPorts.Http),
            "--grpc-port", HaystackContainer.Arg(HaystackPorts.Grpc),
            "--volume-size-bytes", HaystackContainer.Arg(spec.Volume.SizeLimitBytes),
            .. ClusterTls.ServerArgs(cluster),
        ], spec.Store.Resources);
        container.Ports!.Add(HaystackContainer.GrpcPort());
        container.VolumeMounts!.Add(new V1VolumeMount { Name = DataVolumeName, MountPath = DataDirectory });
        // Recovery scans every volume from its last indexed needle; give it minutes before liveness counts.
        container.StartupProbe = HaystackContainer.HttpProbe(cluster, "/healthz", periodSeconds: 5, failureThreshold: 120);

        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = ChildMetadata.For(cluster, ClusterNames.Store(cluster), HaystackComponent.Store),
            Spec = new V1StatefulSetSpec
            {
                Replicas = replicas,
                ServiceName = ClusterNames.Store(cluster),
                Selector = new V1LabelSelector { MatchLabels = ClusterLabels.Selector(cluster, HaystackComponent.Store) },
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
                PersistentVolumeClaimRetentionPolicy = new V1StatefulSetPersistentVolumeClaimRetentionPolicy
                {
                    WhenDeleted = spec.Store.DeleteClaimsWithCluster ? "Delete" : "Retain",
                    WhenScaled = "Retain",
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ClusterLabels.All(cluster, HaystackComponent.Store) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ClusterNames.DataServiceAccount(cluster),
                        SecurityContext = HaystackContainer.PodSecurityContext(),
                        // Time to finish in-flight appends and flush the index before the kill.
                        TerminationGracePeriodSeconds = 60,
                        Affinity = PodPlacement.AntiAffinity(cluster, HaystackComponent.Store, spec.Topology.AcrossNodes),
                        TopologySpreadConstraints = PodPlacement.SpreadAcrossZones(cluster, HaystackComponent.Store),
                        Containers = [container],
                        Volumes = HaystackContainer.PodVolumes(cluster),
                    },
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        ApiVersion = "v1",
                        Kind = "PersistentVolumeClaim",
                        Metadata = new V1ObjectMeta
                        {
                            Name = DataVolumeName,
                            Labels = ClusterLabels.Selector(cluster, HaystackComponent.Store),
                        },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            StorageClassName = spec.Store.StorageClassName,
                            VolumeMode = "Filesystem",
                            Resources = new V1VolumeResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = spec.Store.StorageSize },
                            },
                        },
                    },
                ],
            },
        };
    }
}
