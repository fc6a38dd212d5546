using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using k8s.Models;

namespace Haystack.Operator.Status;

/// <summary>
/// Ready means an upload can succeed: a directory pod is available to hand out the photo id, a volume takes
/// uploads (<see cref="VolumeWritability"/>) and a cache pod is ready to serve the photo back (unless the spec
/// asks for none: reads then go to the stores). When not, the
/// reason names the first missing link and the message every one, then the pods that are not ready and why. Pure.
/// </summary>
public static class ReadyCondition
{
    /// <summary>The components whose pods the message names; compaction Job pods come and go by design.</summary>
    private static readonly string[] ServingComponents = [HaystackComponent.Store, HaystackComponent.Directory, HaystackComponent.Cache];

    /// <summary>Volumes named in the message when none takes uploads; the rest are counted.</summary>
    private const int VolumesNamed = 3;

    /// <summary>From the pods <c>observe-components</c> and the Volumes <c>observe-volumes</c> listed.</summary>
    public static (bool Status, string Reason, string Message) Evaluate(ReconcileContext context)
    {
        var volumes = context.ClusterVolumes;
        var pods = context.Pods.ToDictionary(p => p.Metadata.Name!, StringComparer.Ordinal);
        var blockers = new List<(string Reason, string Text)>();

        var directory = Component(context, HaystackComponent.Directory);
        if (directory is { Ready: < 1 })
        {
            blockers.Add((ConditionReasons.DirectoryUnavailable, $"no directory pod available ({directory})"));
        }
        var writable = volumes.Count(v => VolumeWritability.TakesUploads(v, pods));
        if (writable == 0)
        {
            blockers.Add((ConditionReasons.NoWritableVolume, "no writable volume: " + WhyNoVolumeTakesUploads(volumes, pods, context.PlacementProblem)));
        }
        var cache = Component(context, HaystackComponent.Cache);
        if (cache is { Desired: > 0, Ready: < 1 })
        {
            blockers.Add((ConditionReasons.CacheUnavailable, $"no cache pod ready ({cache})"));
        }

        var notReady = context.Pods
            .Where(p => p.Metadata.Labels?.TryGetValue(ClusterLabels.Component, out var component) == true && ServingComponents.Contains(component))
            .Select(PodState.Describe).OfType<string>().ToList();
        var tail = (notReady.Count > 0 ? $". Not ready: {BoundedList.Join(notReady)}" : "")
            + $". Pods ready: {string.Join(", ", context.Components)}";

        return blockers.Count == 0
            ? (true, ConditionReasons.UploadsAccepted, $"uploads can succeed: {writable} writable {(writable == 1 ? "volume" : "volumes")}{tail}")
            : (false, blockers[0].Reason, string.Join("; ", blockers.Select(b => b.Text)) + tail);
    }

    private static ComponentReadiness? Component(ReconcileContext context, string component) =>
        context.Components.FirstOrDefault(c => c.Component == component);

    private static string WhyNoVolumeTakesUploads(
        IReadOnlyList<V1Alpha1HaystackVolume> volumes, IReadOnlyDictionary<string, V1Pod> pods, string? placementProblem)
    {
        // A volume without a phase was just created and waits for its replicas: it is about to be writable.
        var candidates = volumes.Where(v => v.Status?.Phase is null or VolumePhase.Writable).ToList();
        var why = (volumes.Count, candidates.Count) switch
        {
            (0, _) => "no volume created yet",
            (_, 0) => $"none of {volumes.Count} volumes is writable ("
                + string.Join(", ", volumes.GroupBy(v => v.Status!.Phase).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) + ")",
            _ => BoundedList.Join(candidates.Select(v => VolumeWritability.Problem(v, pods) ?? $"{v.Metadata.Name}: placed, not yet Writable").ToList(), VolumesNamed),
        };
        return placementProblem is null ? why : $"{why}; {placementProblem}";
    }
}
