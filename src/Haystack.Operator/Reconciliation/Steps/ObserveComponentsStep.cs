using Haystack.Kubernetes;
using Haystack.Kubernetes.Models;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Reads how many pods of each component are ready, from the workloads' status. A status that describes
/// an older generation of the workload counts as nothing ready yet: the rollout has not been seen.
/// </summary>
public sealed class ObserveComponentsStep : IReconcileStep
{
    public string Name => "observe-components";

    public async Task RunAsync(ReconcileContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        var store = await context.Client.GetAsync<V1StatefulSet>(ResourceKind.StatefulSet, ClusterNames.Store(cluster), context.Namespace, ct);
        var directory = await context.Client.GetAsync<V1Deployment>(ResourceKind.Deployment, ClusterNames.Directory(cluster), context.Namespace, ct);
        var cache = await context.Client.GetAsync<V1StatefulSet>(ResourceKind.StatefulSet, ClusterNames.Cache(cluster), context.Namespace, ct);

        context.Components.Add(new ComponentReadiness(HaystackComponent.Store,
            Current(store.Metadata, store.Status?.ObservedGeneration) ? store.Status?.ReadyReplicas ?? 0 : 0, cluster.Spec.Store.Replicas));
        context.Components.Add(new ComponentReadiness(HaystackComponent.Directory,
            Current(directory.Metadata, directory.Status?.ObservedGeneration) ? directory.Status?.AvailableReplicas ?? 0 : 0, cluster.Spec.Directory.Replicas));
        context.Components.Add(new ComponentReadiness(HaystackComponent.Cache,
            Current(cache.Metadata, cache.Status?.ObservedGeneration) ? cache.Status?.ReadyReplicas ?? 0 : 0, cluster.Spec.Cache.Replicas));
    }

    private static bool Current(V1ObjectMeta metadata, long? observedGeneration) =>
        observedGeneration is not null && observedGeneration >= metadata.Generation;
}
