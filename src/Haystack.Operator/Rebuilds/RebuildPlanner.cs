using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// Chooses the one replica the cluster rebuilds next. Pure. A copy already under way comes first (the status says
/// where it is, so a restarted operator resumes it), then lost replicas, then replicas on store pods a scale-in
/// removes. A Compacting volume waits; a Lost one has nothing to copy from. The source is a Healthy placement whose store serves the volume.
/// </summary>
public static class RebuildPlanner
{
    /// <param name="leaving">Store pods a scale-in removes: their replicas move, and nothing new goes there.</param>
    /// <param name="blocked">
    /// Volumes whose rebuild cannot go on now, why by volume id: those given are skipped (no pod could take them this
    /// reconcile), and those with no healthy replica to copy from are added.
    /// </param>
    public static RebuildJob? Next(IReadOnlyList<V1Alpha1HaystackVolume> volumes, StoreFleet fleet, IReadOnlySet<string> leaving, Dictionary<uint, string> blocked)
    {
        var candidates = volumes.Where(v => v.Status?.Phase is not (VolumePhase.Compacting or VolumePhase.Lost) && v.Status?.Placements is { Count: > 0 }
            && !blocked.ContainsKey(ClusterVolumes.IdOf(v))).ToList();
        var resumed = candidates.Select(v => (Volume: v, Target: v.Status!.Placements!.FirstOrDefault(p => p.State == ReplicaState.Rebuilding)))
            .Where(c => c.Target is not null)
            .Select(c => Job(c.Volume, c.Volume.Status!.Placements!.FirstOrDefault(p => p.Pod == c.Target!.Replaces), c.Target, fleet, leaving, blocked))
            .ToList();
        var lost = candidates.SelectMany(v => v.Status!.Placements!.Where(p => p.State == ReplicaState.Missing).Select(p => (Volume: v, Replaced: p)));
        var draining = candidates.SelectMany(v => v.Status!.Placements!.Where(p => p.State == ReplicaState.Healthy && leaving.Contains(p.Pod)).Select(p => (Volume: v, Replaced: p)));
        var fresh = lost.Concat(draining)
            .Where(c => c.Volume.Status!.Placements!.All(p => p.State != ReplicaState.Rebuilding))
            .Select(c => Job(c.Volume, c.Replaced, null, fleet, leaving, blocked))
            .ToList();
        // Every candidate is judged before one is chosen, so blocked names them all, whichever runs.
        return resumed.FirstOrDefault(j => j is not null) ?? fresh.FirstOrDefault(j => j is not null);
    }

    /// <summary>A healthy replica the store serves, preferring one that stays: the pod being drained is busy leaving.</summary>
    public static StorePod? SourceOf(V1Alpha1HaystackVolume volume, StoreFleet fleet, IReadOnlySet<string> leaving, string? except)
    {
        var id = ClusterVolumes.IdOf(volume);
        return volume.Status!.Placements!
            .Where(p => p.State == ReplicaState.Healthy && p.Pod != except)
            .Select(p => fleet.Find(p.Pod))
            .Where(pod => pod is { Ready: true, Answers: true } && pod.Find(id)?.State == PhysicalVolumeState.Serving)
            .OrderBy(pod => leaving.Contains(pod!.Name))
            .ThenBy(pod => pod!.Ordinal)
            .FirstOrDefault();
    }

    private static RebuildJob? Job(
        V1Alpha1HaystackVolume volume, VolumePlacement? replaced, VolumePlacement? target, StoreFleet fleet, IReadOnlySet<string> leaving, Dictionary<uint, string> blocked)
    {
        replaced ??= new VolumePlacement { Pod = target?.Replaces ?? "", State = ReplicaState.Missing };
        var drain = replaced.State == ReplicaState.Healthy;
        if (SourceOf(volume, fleet, leaving, drain ? null : replaced.Pod) is not { } source)
        {
            blocked[ClusterVolumes.IdOf(volume)] = "no healthy replica to copy from";
            return null;
        }
        return new RebuildJob(volume, replaced, source, target, drain);
    }
}
