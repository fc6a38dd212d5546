namespace Haystack.Operator.Volumes;

/// <summary>
/// Chooses store pods for a volume's replicas, a pure function of the fleet. Candidates are pods that can take a
/// replica (<see cref="StorePod.CanTakeReplicas"/>), have <c>requiredBytes</c> free and hold no replica of the
/// volume yet. Each next pick minimises, in order: replicas already on its node, replicas already in its zone,
/// then prefers pods that already hold the physical volume (a creation cut short), then the most free bytes, then
/// the lowest ordinal. Because a pod in a new zone is always on a new node, picking greedily this way reaches the
/// most distinct nodes possible and, among those, the most distinct zones.
/// </summary>
public static class ReplicaPlacer
{
    /// <param name="fleet">The store pods.</param>
    /// <param name="volumeId">The volume; pods that report it are preferred.</param>
    /// <param name="count">How many new replicas.</param>
    /// <param name="requiredBytes">Free bytes a pod needs to take one (the volume's size limit).</param>
    /// <param name="placed">Pods that already hold a replica of the volume: not chosen again, and spread against.</param>
    /// <param name="avoid">Pods not to choose (a pod being drained, a replica that was lost there).</param>
    public static ReplicaPlacement Place(
        StoreFleet fleet, uint volumeId, int count, long requiredBytes, IReadOnlyCollection<string>? placed = null, IReadOnlyCollection<string>? avoid = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var placedPods = fleet.Pods.Where(p => placed?.Contains(p.Name) == true).ToList();
        var candidates = fleet.Pods
            .Where(p => p.CanTakeReplicas && p.FreeBytes >= requiredBytes)
            .Where(p => placed?.Contains(p.Name) != true && avoid?.Contains(p.Name) != true)
            .ToList();
        var candidateCount = candidates.Count;

        var chosen = new List<StorePod>();
        var nodeUses = placedPods.Where(p => p.Host is not null).GroupBy(p => p.Host!).ToDictionary(g => g.Key, g => g.Count());
        var zoneUses = placedPods.GroupBy(ZoneOf).ToDictionary(g => g.Key, g => g.Count());
        while (chosen.Count < count && candidates.Count > 0)
        {
            var next = candidates
                .OrderBy(p => nodeUses.GetValueOrDefault(p.Host!))
                .ThenBy(p => zoneUses.GetValueOrDefault(ZoneOf(p)))
                .ThenBy(p => p.Find(volumeId) is null)
                .ThenByDescending(p => p.FreeBytes)
                .ThenBy(p => p.Ordinal)
                .First();
            chosen.Add(next);
            candidates.Remove(next);
            nodeUses[next.Host!] = nodeUses.GetValueOrDefault(next.Host!) + 1;
            zoneUses[ZoneOf(next)] = zoneUses.GetValueOrDefault(ZoneOf(next)) + 1;
        }

        var all = placedPods.Concat(chosen).ToList();
        return new ReplicaPlacement(
            chosen, count, candidateCount,
            Nodes: all.Select(p => p.Host ?? p.Name).Distinct().Count(),
            Zones: fleet.HasZones ? all.Select(ZoneOf).Distinct().Count() : 0,
            Replicas: all.Count,
            fleet.HasZones);
    }

    /// <summary>A node without a zone label counts as a zone of its own name: it shares no zone with labelled nodes.</summary>
    private static string ZoneOf(StorePod pod) => pod.Zone ?? $"node:{pod.Host ?? pod.Name}";
}
