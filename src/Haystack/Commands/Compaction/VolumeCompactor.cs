using Haystack.Client;
using Haystack.Commands.Cli;

namespace Haystack.Commands.Compaction;

/// <summary>
/// Compacts the volumes whose garbage is at or over a threshold, one replica at a time: a replica is compacted only
/// while every other replica of its volume answers, so reads always have somewhere to go, and the next one starts
/// only after the previous one answers for the volume again. <paramref name="admin"/> carries the status calls;
/// <paramref name="compactions"/> the compactions, which may run for minutes on a large volume.
/// </summary>
public sealed class VolumeCompactor(HaystackClient admin, HaystackClient compactions, IVolumePhaseMarker? phases)
{
    private static readonly TimeSpan AnswerAgainLimit = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<VolumeCompaction>> RunAsync(
        double threshold, IReadOnlyCollection<uint> onlyVolumes, bool dryRun, CancellationToken cancellationToken)
    {
        var table = await admin.ListVolumesAsync(cancellationToken);
        var unknown = onlyVolumes.Where(id => table.All(volume => volume.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"volume {string.Join(", ", unknown)} is not in the directory's volume table; `haystack volumes` lists it.");
        }
        var results = new List<VolumeCompaction>();
        foreach (var volume in table.Where(volume => onlyVolumes.Count == 0 || onlyVolumes.Contains(volume.Id)).OrderBy(volume => volume.Id))
        {
            results.Add(await CompactAsync(volume, threshold, dryRun, cancellationToken));
        }
        return results;
    }

    private async Task<VolumeCompaction> CompactAsync(VolumeInfo volume, double threshold, bool dryRun, CancellationToken cancellationToken)
    {
        var statuses = new List<StoreVolumeStatus>();
        foreach (var replica in volume.Replicas)
        {
            var (status, problem) = await StatusAsync(replica, volume.Id, cancellationToken);
            if (problem is not null)
            {
                return Outcome(volume, statuses, CompactionAction.Skipped, $"volume {volume.Id} skipped: {problem}", []);
            }
            statuses.Add(status!);
        }
        if (statuses.Count == 0 || statuses.Max(status => status.GarbageRatio) < threshold)
        {
            return Outcome(volume, statuses, CompactionAction.BelowThreshold, null, []);
        }
        if (volume.State == VolumeState.Degraded)
        {
            return Outcome(volume, statuses, CompactionAction.Skipped,
                $"volume {volume.Id} skipped: the directory reports it degraded ({volume.Reason ?? "a replica is missing"}).", []);
        }
        if (dryRun)
        {
            return Outcome(volume, statuses, CompactionAction.WouldCompact, null, []);
        }
        await using var phase = phases is null ? null : await phases.MarkCompactingAsync(volume.Id, cancellationToken);
        return await CompactReplicasAsync(volume, statuses, cancellationToken);
    }

    private async Task<VolumeCompaction> CompactReplicasAsync(VolumeInfo volume, List<StoreVolumeStatus> statuses, CancellationToken cancellationToken)
    {
        var done = new List<ReplicaCompaction>();
        foreach (var replica in volume.Replicas)
        {
            foreach (var other in volume.Replicas.Where(other => other != replica))
            {
                if ((await StatusAsync(other, volume.Id, cancellationToken)).Problem is { } problem)
                {
                    return Outcome(volume, statuses, done.Count == 0 ? CompactionAction.Skipped : CompactionAction.Failed,
                        $"volume {volume.Id}: stopped before compacting the replica on {replica}: {problem}", done);
                }
            }
            CompactionReport report;
            try
            {
                report = await compactions.CompactAsync(replica, volume.Id, cancellationToken);
            }
            catch (HaystackException error)
            {
                done.Add(new ReplicaCompaction(replica, 0, 0, 0, 0, 0, error.Message));
                return Outcome(volume, statuses, CompactionAction.Failed,
                    $"volume {volume.Id}: compaction on store {replica} failed: {error.Message}", done);
            }
            done.Add(new ReplicaCompaction(replica, report.SizeBeforeBytes, report.SizeAfterBytes, report.ReclaimedBytes,
                report.NeedlesCopied, report.DurationMs, null));
            if (await AnswersAgainAsync(replica, volume.Id, report.CompactionRevision, cancellationToken) is { } silence)
            {
                return Outcome(volume, statuses, CompactionAction.Failed,
                    $"volume {volume.Id}: store {replica} compacted its replica but {silence}; the other replicas were left as they were.", done);
            }
        }
        return Outcome(volume, statuses, CompactionAction.Compacted, null, done);
    }

    /// <summary>Polls the store until it reports the volume at the new revision (it is open and serving again).</summary>
    private async Task<string?> AnswersAgainAsync(Uri store, uint volumeId, uint revision, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + AnswerAgainLimit;
        string? problem;
        do
        {
            var (status, failure) = await StatusAsync(store, volumeId, cancellationToken);
            problem = failure ?? (status!.CompactionRevision >= revision ? null : $"it reports compaction revision {status.CompactionRevision}, not {revision}");
            if (problem is null)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        return $"did not answer for the volume within {AnswerAgainLimit.TotalSeconds:0} s ({problem})";
    }

    private async Task<(StoreVolumeStatus? Status, string? Problem)> StatusAsync(Uri store, uint volumeId, CancellationToken cancellationToken)
    {
        try
        {
            return (await admin.GetStoreVolumeAsync(store, volumeId, cancellationToken), null);
        }
        catch (HaystackException error)
        {
            return (null, $"store {store} does not answer for it ({error.Message})");
        }
    }

    private static VolumeCompaction Outcome(
        VolumeInfo volume, List<StoreVolumeStatus> statuses, CompactionAction action, string? message, IReadOnlyList<ReplicaCompaction> replicas) =>
        new(volume.Id, statuses.Count == 0 ? 0 : statuses.Max(s => s.GarbageRatio), statuses.Count == 0 ? 0 : statuses.Max(s => s.GarbageBytes),
            action, message, replicas);
}
