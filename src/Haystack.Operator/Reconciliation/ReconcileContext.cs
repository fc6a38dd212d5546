using k8s;
using k8s.Models;
using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

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

    /// <summary>Every pod of the cluster (all components), listed once by <c>observe-fleet</c> for the later steps.</summary>
    public IReadOnlyList<V1Pod> Pods { get; set; } = [];

    /// <summary>Why volume replicas cannot be placed as the rules ask (e.g. not on distinct nodes); null when they can.</summary>
    public string? PlacementProblem { get; set; }

    public VolumeCounts? Volumes { get; set; }

    /// <summary>The cluster's Volumes, listed once by <c>observe-volumes</c> (with <see cref="Volumes"/>) for the status.</summary>
    public IReadOnlyList<V1Alpha1HaystackVolume> ClusterVolumes { get; set; } = [];

    public long UsedBytes { get; set; }

    public string Namespace => Cluster.Metadata.NamespaceProperty!;

    /// <summary>The digest of the keys in the cluster's auth Secret (<c>auth-secret</c>), put on the pod templates; null when the Secret is missing.</summary>
    public string? AuthDigest { get; set; }

    /// <summary>How the steps reach the store pods.</summary>
    public StoreCalls Stores { get; set; } = StoreCalls.FromEnvironment;

    /// <summary>The clock for condition transition times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The store pods as <c>ObserveFleetStep</c> saw them; empty before it runs.</summary>
    public StoreFleet Fleet { get; set; } = StoreFleet.Empty;

    /// <summary>
    /// The store pod count the StatefulSet keeps for now: the old count while a scale-in still has replicas to move off
    /// the pods that will go; null runs spec.store.replicas (<c>StoreScaleStep</c>).
    /// </summary>
    public int? HeldStoreReplicas { get; set; }

    /// <summary>
    /// Why a lowered spec.store.replicas is not carried out: the remaining pods cannot hold the data ("scale-in to 3
    /// store pods refused: ..."); null when no scale-in is refused. For the cluster's conditions.
    /// </summary>
    public string? ScaleInRefusal { get; set; }

    /// <summary>Set when a rebuild is under way or waiting, so the reconcile looks again soon rather than at the resync.</summary>
    public bool RebuildPending { get; set; }
}
