using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Scaling;

/// <summary>
/// Whether the store pods that stay can take the replicas a scale-in moves. Pure. Each replica on a leaving pod
/// needs a staying pod that holds no replica of its volume and has room for what the volume may grow to (its size
/// limit; a read-only volume its size), largest first onto the pod with the most room: the same rule the rebuilds
/// then follow one replica at a time.
/// </summary>
public static class DrainPlan
{
    /// <summary>Why the scale-in cannot go ahead, naming how much does not fit; null when every replica has a place.</summary>
    public static string? Refusal(V1Alpha1HaystackCluster cluster, IReadOnlyList<V1Alpha1HaystackVolume> volumes, StoreFleet fleet, IReadOnlySet<string> leaving)
    {
        var staying = fleet.Pods.Where(p => !leaving.Contains(p.Name) && p.Answers).ToList();
        var free = staying.ToDictionary(p => p.Name, p => p.FreeBytes);
        var holders = volumes.ToDictionary(v => v.Spec.Id, v => (v.Status?.Placements ?? [])
            .Where(p => p.State != ReplicaState.Missing && !leaving.Contains(p.Pod)).Select(p => p.Pod).ToHashSet());
        var moves = volumes
            .SelectMany(v => (v.Status?.Placements ?? []).Where(p => p.State != ReplicaState.Missing && leaving.Contains(p.Pod)).Select(_ => (Volume: v, Bytes: BytesOf(v))))
            .OrderByDescending(m => m.Bytes)
            .ToList();

        var unplaced = new List<(V1Alpha1HaystackVolume Volume, long Bytes)>();
        foreach (var move in moves)
        {
            var pods = holders[move.Volume.Spec.Id];
            var to = staying.Where(p => !pods.Contains(p.Name) && free[p.Name] >= move.Bytes).OrderByDescending(p => free[p.Name]).FirstOrDefault();
            if (to is null)
            {
                unplaced.Add(move);
                continue;
            }
            pods.Add(to.Name);
            free[to.Name] -= move.Bytes;
        }
        if (unplaced.Count == 0)
        {
            return null;
        }
        var wanted = cluster.Spec.Store.Replicas;
        var tooWide = unplaced.Select(m => m.Volume).Where(v => v.Spec.Replicas > staying.Count).Select(v => v.Spec.Id).Distinct().ToList();
        var distinct = tooWide.Count == 0 ? "" : $"; volumes {string.Join(", ", tooWide)} need more distinct pods than the {staying.Count} that stay";
        return $"scale-in to {wanted} store pods refused: {unplaced.Count} of {moves.Count} replicas to move off {string.Join(", ", leaving.Order())} " +
            $"({StorageQuantity.FromBytes(unplaced.Sum(m => m.Bytes))}) do not fit on the {staying.Count} pods that stay " +
            $"({StorageQuantity.FromBytes(staying.Sum(p => p.FreeBytes))} free){distinct}; the StatefulSet keeps its pods until spec.store.replicas is raised or space is freed";
    }

    private static long BytesOf(V1Alpha1HaystackVolume volume) =>
        volume.Status?.Phase == VolumePhase.ReadOnly || volume.Status?.ResumePhase == VolumePhase.ReadOnly ? volume.Status.Bytes : volume.Spec.SizeLimitBytes;
}
