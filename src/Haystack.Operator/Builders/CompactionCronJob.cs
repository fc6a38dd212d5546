using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The scheduled compaction: <c>haystack compact</c> against the directory Service on <c>spec.compaction.schedule</c>,
/// for the volumes whose garbage reaches <c>spec.compaction.garbageThreshold</c>. It runs as the data pods' identity,
/// which may mark a Volume's phase Compacting while its replicas are compacted.
/// </summary>
public static class CompactionCronJob
{
    /// <summary>A run that fails is retried twice; one that still fails waits for the next schedule (and shows in the history).</summary>
    private const int BackoffLimit = 2;

    /// <summary>A run that missed its time by more than this (operator or control plane down) is skipped, not started late.</summary>
    private const long StartingDeadlineSeconds = 3600;

    public static V1CronJob Build(V1Alpha1HaystackCluster cluster)
    {
        var compaction = cluster.Spec.Compaction;
        List<string> args =
        [
            "compact",
            "--directory", ClusterAddresses.Directory(cluster),
            "--garbage-threshold", HaystackContainer.Arg(compaction.GarbageThreshold),
            "--kubernetes",
            "--cluster", ClusterNames.Name(cluster),
            .. ClusterTls.ClientArgs(cluster),
        ];
        var container = HaystackContainer.Create(cluster, HaystackComponent.Compaction, args, new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
        });
        // A client that runs to completion: it serves nothing, so no ports or probes, and reads no config file (only the CA, with TLS).
        container.Ports = null;
        container.LivenessProbe = null;
        container.ReadinessProbe = null;
        container.VolumeMounts = ClusterTls.Enabled(cluster) ? [.. ClusterTls.Mounts(cluster)] : null;

        return new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = ChildMetadata.For(cluster, ClusterNames.Compaction(cluster), HaystackComponent.Compaction),
            Spec = new V1CronJobSpec
            {
                Schedule = compaction.Schedule,
                // Two runs at once would compact the same replicas twice and could take two replicas of a volume at once.
                ConcurrencyPolicy = "Forbid",
                StartingDeadlineSeconds = StartingDeadlineSeconds,
                SuccessfulJobsHistoryLimit = 3,
                FailedJobsHistoryLimit = 3,
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ClusterLabels.All(cluster, HaystackComponent.Compaction) },
                    Spec = new V1JobSpec
                    {
                        BackoffLimit = BackoffLimit,
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = ClusterLabels.All(cluster, HaystackComponent.Compaction) },
                            Spec = new V1PodSpec
                            {
                                RestartPolicy = "Never",
                                ServiceAccountName = ClusterNames.DataServiceAccount(cluster),
                                SecurityContext = HaystackContainer.PodSecurityContext(),
                                Containers = [container],
                                Volumes = ClusterTls.Enabled(cluster) ? [.. ClusterTls.Volumes(cluster)] : null,
                            },
                        },
                    },
                },
            },
        };
    }
}
