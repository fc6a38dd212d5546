using k8s;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation;

/// <summary>One reconcile of one cluster: what the steps share and what they observed for the status.</summary>
public sealed class ReconcileContext(V1Alpha1HaystackCluster cluster, IKubernetes client, ChildApplier applier, EventRecorder events)
{
    public V1Alpha1HaystackCluster Cluster { get; } = cluster;
    public IKubernetes Client { get; } = client;
    public ChildApplier Applier { get; } = applier;
    public EventRecorder Events { get; } = events;

    /// <summary>Children created or updated by this reconcile, for the log and tests.</summary>
    public List<(DesiredObject Child, ApplyOutcome Outcome)> Changes { get; } = [];

    public List<ComponentReadiness> Components { get; } = [];

    public VolumeCounts? Volumes { get; set; }

    public long UsedBytes { get; set; }

    public string Namespace => Cluster.Metadata.NamespaceProperty!;
}
