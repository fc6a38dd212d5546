using k8s;
using k8s.Models;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Reads how many pods of each component are ready, from the workloads' status; which pod is in what state the status
/// takes from the pods <c>observe-fleet</c> listed (<see cref="ReconcileContext.Pods"/>), not from a list of its own. A
/// workload status that describes an older generation counts as nothing ready yet: the rollout has not been seen.
/// </summary>
public sealed class ObserveComponentsStep : IReconcileStep
{
    public string Name => "observe-components";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var store = await context.Client.AppsV1.ReadNamespacedStatefulSetAsync(ClusterNames.Store(cluster), context.Namespace, cancellationToken: cancellationToken);
        var directory = await context.Client.AppsV1.ReadNamespacedDeploymentAsync(ClusterNames.Directory(cluster), context.Namespace, cancellationToken: cancellationToken);
        var cache = await context.Client.AppsV1.ReadNamespacedStatefulSetAsync(ClusterNames.Cache(cluster), context.Namespace, cancellationToken: cancellationToken);

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
