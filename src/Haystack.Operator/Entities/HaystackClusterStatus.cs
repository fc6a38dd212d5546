using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("What the operator last observed and did.")]
public sealed class HaystackClusterStatus
{
    [Description("The metadata.generation the status describes.")]
    public long? ObservedGeneration { get; set; }

    [ListMapKeys("type")]
    [Description("Ready (an upload can succeed: a directory pod, a whole writable volume on ready store pods, a cache pod unless cache.replicas is 0), Reconciled (the last reconcile applied the spec) and Degraded (degraded volumes, replicas that cannot be placed, a failing reconcile).")]
    public IList<V1Condition>? Conditions { get; set; }

    [Description("Storage capacity of the store pods.")]
    public CapacityStatus? Capacity { get; set; }

    [Description("Logical volumes by phase.")]
    public VolumeCounts? Volumes { get; set; }

    [Description("The Secret holding the cluster's write key: spec.auth.secretName, else the <cluster>-auth Secret the operator generated (key token).")]
    public string? AuthSecretName { get; set; }
}
