using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The store tier: headless Service first (the StatefulSet names it), then the pods, then their budget.</summary>
public sealed class StoreStep : IChildrenStep
{
    public string Name => "store";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) => Desired(cluster, cluster.Spec.Store.Replicas);

    /// <param name="replicas">The pod count; more than the spec while a scale-in still moves replicas (<c>StoreScaleStep</c>).</param>
    public static IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster, int replicas) =>
    [
        new(ChildKind.Service, StoreService.Build(cluster)),
        new(ChildKind.StatefulSet, StoreStatefulSet.Build(cluster, replicas)),
        new(ChildKind.PodDisruptionBudget, DisruptionBudget.Store(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) =>
        AppliedChildren.ApplyAsync(context, Desired(context.Cluster, context.HeldStoreReplicas ?? context.Cluster.Spec.Store.Replicas), cancellationToken);
}
