using Haystack.Operator.Api;
using k8s;
using k8s.Autorest;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// The reconcile of one HaystackCluster: fetch it, stop if it is gone or going (children carry owner
/// references, so the garbage collector removes them; nothing lives outside Kubernetes, so no finalizer),
/// run the ordered steps, then write the status once.
/// </summary>
public sealed class HaystackClusterReconciler(IKubernetes client, TimeProvider time, Action<string> log)
{
    /// <summary>How soon to look again while pods are still starting.</summary>
    public static readonly TimeSpan NotReadyRequeue = TimeSpan.FromSeconds(15);

    /// <summary>A periodic look even when nothing changed, to catch what no watch reported.</summary>
    public static readonly TimeSpan ResyncPeriod = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan FailureRequeue = TimeSpan.FromSeconds(30);

    private readonly ChildApplier _applier = new(client);
    private readonly EventRecorder _events = new(client, time, log);
    private readonly ClusterStatusWriter _status = new(client);

    public IReadOnlyList<IReconcileStep> Steps { get; init; } = ReconcileSteps.All;

    public async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken ct)
    {
        var cluster = await client.ReadAsync<V1Alpha1HaystackCluster>(HaystackResourceKinds.Clusters, name, ns, ct).OrNullWhenNotFound();
        if (cluster is null || cluster.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var context = new ReconcileContext(cluster, client, _applier, _events);
        var failure = await RunStepsAsync(context, ct);
        var previous = ConditionList.Find(cluster.Status?.Conditions, ConditionTypes.Reconciled);
        await _status.WriteAsync(cluster, previous => ClusterStatusBuilder.Build(previous, context, failure, time.GetUtcNow().UtcDateTime), ct);

        if (failure is not null)
        {
            log($"HaystackCluster {ns}/{name}: {failure.Message}");
            // One warning per distinct failure, not one per retry.
            if (previous is not { Status: "False" } || previous.Message != failure.Message)
            {
                await _events.RecordAsync(cluster, EventRecorder.Warning, "ReconcileFailed", failure.Message, ct);
            }
            return ReconcileResult.After(FailureRequeue);
        }
        foreach (var (child, outcome) in context.Changes)
        {
            log($"HaystackCluster {ns}/{name}: {outcome} {child}");
        }
        return ReconcileResult.After(context.Components.All(c => c.IsReady) ? ResyncPeriod : NotReadyRequeue);
    }

    private async Task<Exception?> RunStepsAsync(ReconcileContext context, CancellationToken ct)
    {
        foreach (var step in Steps)
        {
            try
            {
                await step.RunAsync(context, ct);
            }
            catch (Exception e) when (e is HttpOperationException or ChildOwnershipException or FormatException)
            {
                return new ReconcileStepException(step.Name, e);
            }
        }
        return null;
    }
}
