using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The cluster's haystack.json, before the pods that mount it.</summary>
public sealed class ConfigMapStep : IChildrenStep
{
    public string Name => "config";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
        [new(ChildKind.ConfigMap, ClusterConfigMap.Build(cluster))];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), cancellationToken);
}
