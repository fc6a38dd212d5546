using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>First, so that the data pods' identity exists before any pod that uses it.</summary>
public sealed class DataPodAccessStep : IChildrenStep
{
    public string Name => "data-pod-access";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
    [
        new(ChildKind.ServiceAccount, DataPodAccess.ServiceAccount(cluster)),
        new(ChildKind.Role, DataPodAccess.Role(cluster)),
        new(ChildKind.RoleBinding, DataPodAccess.RoleBinding(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), cancellationToken);
}
