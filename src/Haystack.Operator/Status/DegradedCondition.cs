using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;

namespace Haystack.Operator.Status;

/// <summary>
/// Degraded means something needs attention though the cluster may still serve: volumes that lost every replica, a
/// failing reconcile, volumes
/// missing a replica or rebuilding one (named, with the replica that is not healthy), replicas that cannot be
/// placed as the rules ask, a scale-in the staying store pods cannot hold. The reason names the first; the message lists each. Pure.
/// </summary>
public static class DegradedCondition
{
    /// <param name="volumes">The cluster's Volumes when this reconcile listed them; null to use the counts alone.</param>
    /// <param name="counts">The counts of this reconcile, or the last status's when the volumes were not observed.</param>
    public static (bool Status, string Reason, string Message) Evaluate(
        ReconcileContext context, Exception? failure, IReadOnlyList<V1Alpha1HaystackVolume>? volumes, VolumeCounts? counts)
    {
        var problems = new List<(string Reason, string Text)>();
        // Data loss first: it outranks every other problem.
        if (counts is { Lost: > 0 })
        {
            var text = $"{counts.Lost} of {counts.Total} volumes lost every replica (delete a Lost Volume to clear it)";
            if (volumes is not null)
            {
                text += ": " + BoundedList.Join([.. volumes.Where(v => v.Status?.Phase == VolumePhase.Lost).Select(v => v.Metadata.Name!)]);
            }
            problems.Add((ConditionReasons.VolumeLost, text));
        }
        if (failure is not null)
        {
            problems.Add((ConditionReasons.ReconcileFailed, failure.Message));
        }
        if (counts is { Degraded: > 0 })
        {
            var text = $"{counts.Degraded} of {counts.Total} volumes are missing a replica or rebuilding one";
            if (volumes is not null)
            {
                var degraded = volumes.Where(IsDegraded).Select(Describe).ToList();
                text += ": " + BoundedList.Join(degraded);
            }
            problems.Add((ConditionReasons.VolumesDegraded, text));
        }
        if (context.PlacementProblem is { } placement)
        {
            problems.Add((ConditionReasons.PlacementProblem, placement));
        }
        if (context.ScaleInRefusal is { } refusal)
        {
            problems.Add((ConditionReasons.ScaleInRefused, refusal));
        }
        return problems.Count == 0
            ? (false, ConditionReasons.AsExpected, "no degraded volumes")
            : (true, problems[0].Reason, string.Join("; ", problems.Select(p => p.Text)));
    }

    public static bool IsDegraded(V1Alpha1HaystackVolume volume) => volume.Status?.Phase is VolumePhase.Degraded or VolumePhase.Rebuilding;

    /// <summary>"photos-3 (Degraded: photos-store-2 Missing)".</summary>
    private static string Describe(V1Alpha1HaystackVolume volume)
    {
        var unhealthy = (volume.Status?.Placements ?? []).Where(p => p.State != ReplicaState.Healthy).Select(p => $"{p.Pod} {p.State}").ToList();
        var placed = volume.Status?.Placements?.Count ?? 0;
        if (placed < volume.Spec.Replicas)
        {
            unhealthy.Add($"{placed} of {volume.Spec.Replicas} replicas placed");
        }
        return unhealthy.Count == 0 ? $"{volume.Metadata.Name} ({volume.Status!.Phase})" : $"{volume.Metadata.Name} ({volume.Status!.Phase}: {string.Join(", ", unhealthy)})";
    }
}
