using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The store tier: headless Service first (the StatefulSet names it), then the pods, then their budget.</summary>
public sealed class StoreStep : IChildrenStep
{
    public string Name => "store";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
    [
        new(ChildKind.Service, StoreService.Build(cluster)),
        new(ChildKind.StatefulSet, StoreStatefulSet.Build(cluster)),
        new(ChildKind.PodDisruptionBudget, DisruptionBudget.Store(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), cancellationToken);
}
