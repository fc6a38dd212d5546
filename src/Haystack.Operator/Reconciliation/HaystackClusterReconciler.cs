using System.Diagnostics;
using Haystack.Operator.Api;
using Haystack.Operator.Controller;
using k8s;
using k8s.Autorest;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Operator.Volumes;
using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// The reconcile of one HaystackCluster: fetch it, stop if it is gone or going (children carry owner
/// references, so the garbage collector removes them; nothing lives outside Kubernetes, so no finalizer),
/// run the ordered steps, then write the status once. Each reconcile is counted and timed on <see cref="Metrics"/>.
/// </summary>
public sealed class HaystackClusterReconciler(IKubernetes client, TimeProvider time, ILoggerFactory loggerFactory)
{
    /// <summary>How soon to look again while pods are still starting.</summary>
    public static readonly TimeSpan NotReadyRequeue = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A periodic look even when nothing changed: no watch reports a store's volumes growing, so this is how soon a
    /// volume the directory did not see fill up turns ReadOnly and is replaced. It also catches what no watch reported.
    /// A look at an unchanged cluster costs reads and one /stats per store pod.
    /// </summary>
    public static readonly TimeSpan ResyncPeriod = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan FailureRequeue = TimeSpan.FromSeconds(30);

    private readonly ChildApplier _applier = new(client);
    private readonly EventRecorder _events = new(client, time, loggerFactory.CreateLogger<EventRecorder>());
    private readonly ILogger _log = loggerFactory.CreateLogger<HaystackClusterReconciler>();
    private readonly ClusterStatusWriter _status = new(client);

    public IReadOnlyList<IReconcileStep> Steps { get; init; } = ReconcileSteps.All;

    /// <summary>How the steps reach store pods; tests hand in calls over a host map.</summary>
    public StoreCalls Stores { get; init; } = StoreCalls.FromEnvironment;

    /// <summary>Where reconciles are counted and volumes reported; null measures nothing (tests of the logic alone).</summary>
    public OperatorMetrics? Metrics { get; init; }

    public async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? failedStep = OperatorMetrics.ApiStep;
        try
        {
            var (result, failure) = await ReconcileOnceAsync(new ClusterKey(ns, name), cancellationToken);
            failedStep = failure?.Step;
            return result;
        }
        finally
        {
            // A reconcile cut short by shutdown neither succeeded nor failed.
            if (!cancellationToken.IsCancellationRequested)
            {
                Metrics?.Reconciled(HaystackApi.ClusterKind, Stopwatch.GetElapsedTime(started), failedStep);
            }
        }
    }

    private async Task<(ReconcileResult Result, ReconcileStepException? Failure)> ReconcileOnceAsync(ClusterKey key, CancellationToken cancellationToken)
    {
        var (ns, name) = (key.Namespace, key.Name);
        var cluster = await client.ReadAsync<V1Alpha1HaystackCluster>(HaystackResourceKinds.Clusters, name, ns, cancellationToken).OrNullWhenNotFound();
        if (cluster is null || cluster.Metadata.DeletionTimestamp is not null)
        {
            Metrics?.Forget(key);
            return (ReconcileResult.Done, null);
        }

        var context = new ReconcileContext(cluster, client, _applier, _events) { Stores = Stores, Time = time };
        var failure = await RunStepsAsync(context, cancellationToken);
        if (context.Volumes is not null)
        {
            Metrics?.ObservedVolumes(key, context.ClusterVolumes);
        }
        var previous = ConditionList.Find(cluster.Status?.Conditions, ConditionTypes.Reconciled);
        await _status.WriteAsync(cluster, previous => ClusterStatusBuilder.Build(previous, context, failure, time.GetUtcNow().UtcDateTime), cancellationToken);

        if (failure is not null)
        {
            _log.StepFailed(ns, name, failure.Message);
            // One warning per distinct failure, not one per retry.
            if (previous is not { Status: "False" } || previous.Message != failure.Message)
            {
                await _events.RecordAsync(cluster, EventRecorder.Warning, "ReconcileFailed", failure.Message, cancellationToken);
            }
            return (ReconcileResult.After(FailureRequeue), failure);
        }
        foreach (var (child, outcome) in context.Changes)
        {
            _log.ChildApplied(ns, name, outcome, child.ToString());
        }
        return (ReconcileResult.After(context.Components.All(c => c.IsReady) && !context.RebuildPending ? ResyncPeriod : NotReadyRequeue), null);
    }

    private async Task<ReconcileStepException?> RunStepsAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            try
            {
                await step.RunAsync(context, cancellationToken);
            }
            catch (Exception e) when (e is HttpOperationException or ChildOwnershipException or FormatException)
            {
                return new ReconcileStepException(step.Name, e);
            }
        }
        return null;
    }
}
