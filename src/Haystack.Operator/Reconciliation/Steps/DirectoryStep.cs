using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The directory tier, after the stores it writes to.</summary>
public sealed class DirectoryStep : IChildrenStep
{
    public string Name => "directory";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
    [
        new(ChildKind.Deployment, DirectoryDeployment.Build(cluster)),
        new(ChildKind.Service, DirectoryService.Build(cluster)),
        new(ChildKind.PodDisruptionBudget, DisruptionBudget.Directory(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), cancellationToken);
}
