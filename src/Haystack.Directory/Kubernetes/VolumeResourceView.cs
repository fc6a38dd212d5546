using Haystack.Protocol;
using Haystack.Directory.Volumes;

namespace Haystack.Directory.Kubernetes;

/// <summary>
/// A <c>Volume</c> resource as a row of the table and back. Replica URLs are the placements' store pods by their
/// DNS names (<see cref="PodEndpoints.StorePod"/>). The operator's own phases map onto the Directory's states:
/// Rebuilding is degraded until the operator says otherwise, Compacting takes no uploads. Only Healthy placements become
/// replicas, so reads never go to a replica being rebuilt, and a volume short of healthy replicas takes no uploads.
/// </summary>
public static class VolumeResourceView
{
    /// <summary>The phases the Directory decides; it leaves Rebuilding and Compacting to the operator.</summary>
    public static bool IsDirectoryPhase(string? phase) => phase is null or "Writable" or "ReadOnly" or "Degraded";

    public static LogicalVolume ToLogicalVolume(VolumeResource resource, KubernetesTableOptions options)
    {
        // Only healthy replicas are handed out: a Missing one has no data, a Rebuilding one is still being copied.
        var placements = (resource.Status?.Placements ?? []).Where(p => p.State is null or "Healthy").ToList();
        var volume = new LogicalVolume
        {
            Id = checked((uint)resource.Spec.Id),
            State = VolumeState.Degraded,
            Replicas = [.. placements.Select(p => PodEndpoints.StorePod(options.Cluster, options.Namespace, p.Pod, options.StorePort, options.StoreScheme))],
            SizeBytes = resource.Status?.Bytes ?? 0,
            NeedleCount = resource.Status?.Needles ?? 0,
            SizeLimitBytes = resource.Spec.SizeLimitBytes,
        };
        if (resource.Status?.Phase == "Lost")
        {
            // Every replica is gone for good: nothing to read, nothing to probe; only deleting the Volume clears it.
            return volume with { NeedsRepair = true, Reason = "every replica lost (Volume status); delete the Volume to clear it" };
        }
        if (placements.Count < resource.Spec.Replicas)
        {
            // Not whole yet: no probe may turn it writable before the operator placed every replica.
            return volume with { NeedsRepair = true, Reason = $"{placements.Count} of {resource.Spec.Replicas} replicas placed and healthy" };
        }
        return resource.Status?.Phase switch
        {
            "Writable" => volume with { State = VolumeState.Writable },
            "ReadOnly" => volume with { State = VolumeState.ReadOnly, Reason = "read-only (Volume status)" },
            "Degraded" => volume with { Reason = "degraded (Volume status)" },
            "Rebuilding" => volume with { NeedsRepair = true, Reason = "a replica is being rebuilt" },
            "Compacting" => volume with { State = VolumeState.ReadOnly, Reason = "being compacted" },
            null => volume with { Reason = "no phase yet; the next probe decides" },
            var other => volume with { NeedsRepair = true, Reason = $"unknown phase '{other}'" },
        };
    }

    public static string PhaseOf(VolumeState state) => state switch
    {
        VolumeState.Writable => "Writable",
        VolumeState.ReadOnly => "ReadOnly",
        VolumeState.Degraded => "Degraded",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "no Volume phase for this state"),
    };
}
