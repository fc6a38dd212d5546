using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>The compaction schedule, after the directory Service it calls.</summary>
public sealed class CompactionStep : IChildrenStep
{
    public string Name => "compaction";

    public IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster) =>
    [
        new(ChildKind.CronJob, CompactionCronJob.Build(cluster)),
    ];

    public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) => AppliedChildren.ApplyAsync(context, Desired(context.Cluster), cancellationToken);
}
