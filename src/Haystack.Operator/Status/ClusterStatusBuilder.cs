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
            ? ConditionList.With(conditions, ConditionTypes.Reconciled, true, "ReconcileSucceeded", "every child matches the spec", generation, now)
            : ConditionList.With(conditions, ConditionTypes.Reconciled, false, "ReconcileFailed", failure.Message, generation, now);

        if (context.Components.Count > 0)
        {
            var notReady = context.Components.Where(c => !c.IsReady).ToList();
            var summary = string.Join(", ", context.Components) + " pods ready";
            conditions = notReady.Count == 0
                ? ConditionList.With(conditions, ConditionTypes.Ready, true, "ComponentsReady", summary, generation, now)
                : ConditionList.With(conditions, ConditionTypes.Ready, false, "ComponentsNotReady", summary, generation, now);
        }
        else if (ConditionList.Find(conditions, ConditionTypes.Ready) is null)
        {
            conditions = ConditionList.With(conditions, ConditionTypes.Ready, false, "NotObserved", "components not observed yet", generation, now);
        }

        var volumes = context.Volumes ?? previous?.Volumes;
        conditions = (failure, volumes) switch
        {
            (not null, _) => ConditionList.With(conditions, ConditionTypes.Degraded, true, "ReconcileFailed", failure.Message, generation, now),
            (_, { Degraded: > 0 }) => ConditionList.With(conditions, ConditionTypes.Degraded, true, "VolumesDegraded",
                $"{volumes.Degraded} of {volumes.Total} volumes are missing a replica or rebuilding one", generation, now),
            _ => ConditionList.With(conditions, ConditionTypes.Degraded, false, "AsExpected", "no degraded volumes", generation, now),
        };

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
        };
    }
}
