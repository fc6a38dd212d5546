using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The cache tier, last: it only accelerates reads the stores can already serve.</summary>
public sealed class CacheStep : IChildrenStep
{
    public string Name => "cache";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
    [
        new(ChildKind.Service, CacheService.Build(cluster)),
        new(ChildKind.StatefulSet, CacheStatefulSet.Build(cluster)),
        new(ChildKind.PodDisruptionBudget, DisruptionBudget.Cache(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), cancellationToken);
}
