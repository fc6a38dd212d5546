using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;

namespace Haystack.Operator.Status;

/// <summary>The status a reconcile's observations call for, from the status the cluster had. Pure.</summary>
public static class ClusterStatusBuilder
{
    public static HaystackClusterStatus Build(HaystackClusterStatus? previous, ReconcileContext context, Exception? failure, DateTime now)
    {
        var cluster = context.Cluster;
        var generation = cluster.Metadata.Generation;
        var conditions = previous?.Conditions;

        conditions = failure is null
            ? ConditionList.With(conditions, ConditionTypes.Reconciled, true, ConditionReasons.ReconcileSucceeded, "every child matches the spec", generation, now)
            : ConditionList.With(conditions, ConditionTypes.Reconciled, false, ConditionReasons.ReconcileFailed, failure.Message, generation, now);

        // Ready needs both the pods and the volumes of this reconcile; a step that failed before either keeps the last verdict.
        var observed = context.Components.Count > 0 && context.Volumes is not null;
        if (observed)
        {
            var (ready, reason, message) = ReadyCondition.Evaluate(context);
            conditions = ConditionList.With(conditions, ConditionTypes.Ready, ready, reason, message, generation, now);
        }
        else if (ConditionList.Find(conditions, ConditionTypes.Ready) is null)
        {
            conditions = ConditionList.With(conditions, ConditionTypes.Ready, false, ConditionReasons.NotObserved,
                "pods and volumes not observed yet", generation, now);
        }

        var volumes = context.Volumes ?? previous?.Volumes;
        var (degraded, degradedReason, degradedMessage) =
            DegradedCondition.Evaluate(context, failure, context.Volumes is null ? null : context.ClusterVolumes, volumes);
        conditions = ConditionList.With(conditions, ConditionTypes.Degraded, degraded, degradedReason, degradedMessage, generation, now);

        var totalBytes = StorageQuantity.ToBytes(cluster.Spec.Store.StorageSize) * cluster.Spec.Store.Replicas;
        return new HaystackClusterStatus
        {
            ObservedGeneration = failure is null ? generation : previous?.ObservedGeneration,
            Conditions = conditions,
            Capacity = new CapacityStatus
            {
                Total = StorageQuantity.FromBytes(totalBytes),
                TotalBytes = totalBytes,
                UsedBytes = context.Volumes is null ? previous?.Capacity?.UsedBytes ?? 0 : context.UsedBytes,
            },
            Volumes = volumes ?? new VolumeCounts(),
            AuthSecretName = ClusterAuth.Effective(cluster).SecretName,
        };
    }
}
