using Haystack.Operator.Entities;

namespace Haystack.Operator.Volumes;

/// <summary>
/// When a Writable volume turns read-only, judged from what its stores report: a replica already marked read-only,
/// or the largest replica at the cluster's spec.readOnlyThreshold of the volume's limit (the smaller of the Volume's
/// sizeLimitBytes and the stores' own). The directory applies the same threshold after each upload (the operator
/// passes it as --read-only-threshold); this is the operator's look at the same figures, so the transition happens
/// even when no directory was there to see the last write land.
/// </summary>
public static class ReadOnlyRule
{
    /// <summary>Why the volume is full, or null while it may take uploads.</summary>
    public static string? ReasonToTurnReadOnly(V1Alpha1HaystackVolume volume, StoreFleet fleet, double threshold)
    {
        var replicas = Replicas(volume, fleet).ToList();
        if (replicas.FirstOrDefault(r => r.Volume.ReadOnly) is { Pod: not null } marked)
        {
            return $"the replica on {marked.Pod} is read-only";
        }
        if (replicas.Count == 0)
        {
            return null;
        }
        var size = replicas.Max(r => r.Volume.SizeBytes);
        var limit = Math.Min(volume.Spec.SizeLimitBytes, replicas.Min(r => r.Volume.SizeLimitBytes));
        var fill = limit <= 0 ? 1 : (double)size / limit;
        return fill >= threshold
            ? $"it reached {fill:0.#%} of its {limit} byte limit (threshold {threshold:0.#%})"
            : null;
    }

    /// <summary>The replicas the stores report (serving), with their pods.</summary>
    public static IEnumerable<(string Pod, Uri Url, PhysicalVolume Volume)> Replicas(V1Alpha1HaystackVolume volume, StoreFleet fleet) =>
        (volume.Status?.Placements ?? [])
            .Select(p => fleet.Find(p.Pod))
            .OfType<StorePod>()
            .Select(pod => (pod.Name, pod.Url, Volume: pod.Find(ClusterVolumes.IdOf(volume))))
            .Where(r => r.Volume is { State: PhysicalVolumeState.Serving })
            .Select(r => (r.Name, r.Url, r.Volume!));
}
