using Haystack.Directory.Stores;

namespace Haystack.Directory.Volumes;

/// <summary>
/// What a probe round means for one logical volume (a pure function, so the rules are tested without stores):
/// <list type="bullet">
/// <item>a replica whose store is down or lacks the volume makes it degraded;</item>
/// <item>with every replica present, a degraded volume heals unless it needs a repair (corruption);</item>
/// <item>a replica marked read-only, or a size at the threshold, makes it read-only, and read-only stays;</item>
/// <item>the size figures are the largest among the replicas, the limit the smallest (and the Directory's own).</item>
/// </list>
/// </summary>
public static class VolumeReconciler
{
    public static LogicalVolume Reconcile(LogicalVolume volume, Func<Uri, StoreProbe?> probeOf, long sizeLimitBytes, double readOnlyThreshold)
    {
        var present = volume.Replicas
            .Select(store => (Store: store, Probe: probeOf(store), Status: probeOf(store)?.Find(volume.Id)))
            .ToArray();
        var statuses = present.Where(r => r.Status is not null).Select(r => r.Status!).ToArray();
        var figures = statuses.Length == 0
            ? volume
            : volume with
            {
                SizeBytes = statuses.Max(s => s.SizeBytes),
                NeedleCount = statuses.Max(s => s.NeedleCount),
                SizeLimitBytes = Math.Min(sizeLimitBytes, statuses.Min(s => s.SizeLimitBytes)),
            };

        var missing = present.Where(r => r.Status is null && r.Probe is not null).ToArray();
        if (missing.Length > 0)
        {
            if (volume.State == VolumeState.Degraded && volume.NeedsRepair)
            {
                return figures;
            }
            var reason = string.Join("; ", missing.Select(r => r.Probe!.IsUp
                ? $"the store {r.Store} does not hold volume {volume.Id}"
                : $"the replica on {r.Store} is unreachable ({r.Probe.Error})"));
            return figures with { State = VolumeState.Degraded, Reason = reason };
        }
        if (volume.State == VolumeState.Degraded && volume.NeedsRepair)
        {
            return figures;
        }

        if (volume.State == VolumeState.ReadOnly)
        {
            return figures;
        }
        var markedReplica = present.FirstOrDefault(r => r.Status is { ReadOnly: true });
        if (markedReplica.Store is not null)
        {
            return figures with { State = VolumeState.ReadOnly, Reason = $"the replica on {markedReplica.Store} is read-only" };
        }
        if (figures.Fill >= readOnlyThreshold)
        {
            return figures with { State = VolumeState.ReadOnly, Reason = $"it reached {figures.Fill:0.#%} of its {figures.SizeLimitBytes} byte limit (threshold {readOnlyThreshold:0.#%})" };
        }
        return figures with { State = VolumeState.Writable, Reason = null };
    }
}
