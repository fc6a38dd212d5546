using Haystack.Operator.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Controller;

/// <summary>
/// Watches HaystackClusters and the children they own, and feeds a work queue whose workers run the
/// reconciler. Cluster events count only when the generation moves; any change to a child (by label
/// <c>app.kubernetes.io/managed-by=haystack-operator</c>) or to one of its Volumes queues its owning cluster, so
/// drift, pod readiness and volume phases are seen at once. Watches restart after errors with a growing pause. While
/// it runs, the work queue's depth goes to <see cref="Metrics"/> and <see cref="Readiness"/> knows the watches have started.
/// </summary>
public sealed class HaystackClusterController(IKubernetes client, HaystackClusterReconciler reconciler, TimeProvider time, ILogger<HaystackClusterController> log)
{
    /// <summary>The kinds the operator creates, watched to notice drift and readiness.</summary>
    public static IReadOnlyList<ChildKind> OwnedKinds { get; } =
    [
        ChildKind.StatefulSet, ChildKind.Deployment, ChildKind.Service, ChildKind.ConfigMap,
        ChildKind.PodDisruptionBudget, ChildKind.ServiceAccount, ChildKind.Role, ChildKind.RoleBinding,
        ChildKind.CronJob,
    ];

    private static readonly TimeSpan MaxWatchPause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxFailurePause = TimeSpan.FromMinutes(2);

    private readonly GenerationFilter _generations = new();
    private readonly Dictionary<ClusterKey, int> _failures = [];

    /// <summary>Only this namespace, or every namespace when null.</summary>
    public string? Namespace { get; init; }

    /// <summary>Clusters reconciled at the same time; one key is never reconciled twice at once.</summary>
    public int Workers { get; init; } = 2;

    public OperatorMetrics? Metrics { get; init; }

    public OperatorReadiness? Readiness { get; init; }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue<ClusterKey>(time);
        var loops = new List<Task> { WatchForeverAsync("HaystackClusters", () => WatchClustersAsync(queue, cancellationToken), cancellationToken) };
        loops.AddRange(OwnedKinds.Select(kind => WatchForeverAsync(kind.ToString(), () => WatchOwnedAsync(kind, queue, cancellationToken), cancellationToken)));
        loops.Add(WatchForeverAsync("Volumes", () => WatchVolumesAsync(queue, cancellationToken), cancellationToken));
        loops.AddRange(Enumerable.Range(0, Workers).Select(_ => WorkAsync(queue, cancellationToken)));
        if (Metrics is not null)
        {
            Metrics.QueueDepth = () => queue.Pending;
        }
        Readiness?.ControllerRunning(true);
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Readiness?.ControllerRunning(false);
            if (Metrics is not null)
            {
                Metrics.QueueDepth = () => 0;
            }
        }
    }

    private async Task WatchClustersAsync(WorkQueue<ClusterKey> queue, CancellationToken cancellationToken)
    {
        var reflector = new Reflector<V1Alpha1HaystackCluster>(client.ListWatch<V1Alpha1HaystackCluster>(HaystackResourceKinds.Clusters, Namespace));
        await foreach (var (type, cluster) in reflector.RunAsync(cancellationToken))
        {
            var key = new ClusterKey(cluster.Metadata.NamespaceProperty!, cluster.Metadata.Name!);
            if (type == WatchEventType.Deleted)
            {
                _generations.Forget(key);
            }
            else if (_generations.ShouldReconcile(key, cluster))
            {
                queue.Add(key);
            }
        }
    }

    private async Task WatchOwnedAsync(ChildKind kind, WorkQueue<ClusterKey> queue, CancellationToken cancellationToken)
    {
        var reflector = new Reflector<IKubernetesObject<V1ObjectMeta>>(kind.ListWatch(client, Namespace, ClusterLabels.ManagedSelector));
        await foreach (var (_, owned) in reflector.RunAsync(cancellationToken))
        {
            var owner = owned.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == HaystackApi.ClusterKind);
            if (owner is not null && owned.Metadata.NamespaceProperty is { } ns)
            {
                queue.Add(new ClusterKey(ns, owner.Name));
            }
        }
    }

    /// <summary>A Volume's status changes outside a reconcile too (a directory turns a full one ReadOnly): its cluster looks again.</summary>
    private async Task WatchVolumesAsync(WorkQueue<ClusterKey> queue, CancellationToken cancellationToken)
    {
        var reflector = new Reflector<V1Alpha1HaystackVolume>(client.ListWatch<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, Namespace));
        await foreach (var (_, volume) in reflector.RunAsync(cancellationToken))
        {
            if (volume.Metadata.NamespaceProperty is { } ns && volume.Spec.ClusterName is { Length: > 0 } cluster)
            {
                queue.Add(new ClusterKey(ns, cluster));
            }
        }
    }

    private async Task WatchForeverAsync(string what, Func<Task> watch, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await watch();
                pause = TimeSpan.FromMilliseconds(250);
            }
            catch (Exception e) when (e is HttpOperationException or KubernetesException or HttpRequestException or IOException)
            {
                log.WatchFailed(what, pause.TotalSeconds, e.Message);
                await Task.Delay(pause, time, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxWatchPause.Ticks));
            }
        }
    }

    private async Task WorkAsync(WorkQueue<ClusterKey> queue, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(cancellationToken);
            try
            {
                var result = await reconciler.ReconcileAsync(key.Namespace, key.Name, cancellationToken);
                lock (_failures)
                {
                    _failures.Remove(key);
                }
                if (result.RequeueAfter is { } delay)
                {
                    queue.AddAfter(key, delay);
                }
            }
            catch (Exception e) when (e is HttpOperationException or KubernetesException or HttpRequestException or IOException)
            {
                var pause = FailurePause(key);
                queue.AddAfter(key, pause);
                log.ReconcileFailed(key.Namespace, key.Name, pause.TotalSeconds, e.Message);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private TimeSpan FailurePause(ClusterKey key)
    {
        lock (_failures)
        {
            var failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
            return TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks << Math.Min(failures - 1, 20), MaxFailurePause.Ticks));
        }
    }
}
