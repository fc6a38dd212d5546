using Haystack.Operator.Builders;
using Haystack.Operator.Scaling;
using Haystack.Operator.Volumes;
using k8s;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Before the store StatefulSet is applied: on a scale-in, how many pods it keeps while the pods that go still hold
/// replicas (<see cref="StoreScaleIn.HeldReplicas"/>); <c>RebuildStep</c> moves those replicas, and the StatefulSet
/// shrinks on the reconcile after the last one moved.
/// </summary>
public sealed class StoreScaleStep : IReconcileStep
{
    public string Name => "store-scale";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var live = await context.Client.AppsV1.ReadNamespacedStatefulSetAsync(ClusterNames.Store(cluster), context.Namespace, cancellationToken: cancellationToken)
            .OrNullWhenNotFound();
        if (live?.Spec?.Replicas is not { } running || running <= cluster.Spec.Store.Replicas)
        {
            return;
        }
        var held = StoreScaleIn.HeldReplicas(cluster, await ClusterVolumes.ListAsync(context.Client, cluster, cancellationToken), running);
        context.HeldStoreReplicas = held == cluster.Spec.Store.Replicas ? null : held;
        context.RebuildPending |= context.HeldStoreReplicas is not null;
    }
}
