using Haystack.Kubernetes;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The directory tier, after the stores it writes to.</summary>
public sealed class DirectoryStep : IChildrenStep
{
    public string Name => "directory";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
    [
        new(ResourceKind.Deployment, DirectoryDeployment.Build(cluster)),
        new(ResourceKind.Service, DirectoryService.Build(cluster)),
        new(ResourceKind.PodDisruptionBudget, DisruptionBudget.Directory(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken ct) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), ct);
}
