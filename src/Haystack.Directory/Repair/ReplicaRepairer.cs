using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Protocol;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Repair;

/// <summary>
/// Repairs what the stores' scrubs (and reads) found, once per probe round: for every replica reporting damaged or
/// missing needles, each needle is copied from a healthy replica (verified by the store that sends it and again by the
/// store that writes it) over the damaged one, so one bad sector costs one needle's copy. A replica missing more than
/// <see cref="DirectoryOptions.RebuildThreshold"/> of its needles, or whose data file was cut short, is rebuilt whole from
/// a healthy replica instead. The volume leaves the write path (degraded, needs_repair) while a replica has findings and
/// needs_repair clears itself once every replica reports none (a flag set by a cache's report that no store's findings
/// back up still waits for <c>POST /volumes/{id}/repaired</c>).
/// </summary>
public sealed class ReplicaRepairer
{
    private readonly StoreClient _stores;
    private readonly VolumeTransitions _transitions;
    private readonly VolumeTable _table;
    private readonly DirectoryOptions _options;
    private readonly ILogger<ReplicaRepairer> _logger;
    private readonly ConcurrentDictionary<uint, VolumeRepairs> _repairs = new();
    private readonly ConcurrentDictionary<uint, bool> _awaitingRepair = new();
    private long _needlesRepaired;
    private long _replicasRebuilt;
    private long _failures;

    public ReplicaRepairer(
        StoreClient stores, VolumeTransitions transitions, VolumeTable table, DirectoryOptions options, IMeterFactory meterFactory, ILogger<ReplicaRepairer> logger)
    {
        _stores = stores;
        _transitions = transitions;
        _table = table;
        _options = options;
        _logger = logger;
        var meter = meterFactory.Create(DirectoryMetrics.MeterName);
        meter.CreateObservableCounter("haystack.directory.repairs", () => new[]
        {
            new Measurement<long>(NeedlesRepaired, new KeyValuePair<string, object?>("kind", "needle")),
            new Measurement<long>(ReplicasRebuilt, new KeyValuePair<string, object?>("kind", "replica")),
        }, "{repair}", "Damaged needles copied from a healthy replica, and replicas rebuilt whole.");
        meter.CreateObservableCounter("haystack.directory.repair_failures", () => Failures, "{repair}",
            "Replica repairs that failed (tried again next probe round).");
    }

    public long NeedlesRepaired => Interlocked.Read(ref _needlesRepaired);

    public long ReplicasRebuilt => Interlocked.Read(ref _replicasRebuilt);

    /// <summary>Repairs that failed and are tried again next round.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public VolumeRepairs? RepairsOf(uint volumeId) => _repairs.GetValueOrDefault(volumeId);

    /// <summary>One round for one volume, with this round's probes; true when it repaired anything (a new probe confirms it).</summary>
    public async Task<bool> RepairAsync(LogicalVolume volume, Func<Uri, StoreProbe?> probeOf, CancellationToken cancellationToken)
    {
        var replicas = volume.Replicas.Select(store => (Store: store, Status: probeOf(store)?.Find(volume.Id))).ToArray();
        var damaged = replicas.Where(r => r.Status?.Scrub is { OpenFindings: > 0 }).ToArray();
        if (damaged.Length == 0)
        {
            // Only a flag this repairer saw findings for clears itself: a report no store can back up waits for an operator.
            if (volume.NeedsRepair && replicas.All(r => r.Status?.Scrub is { OpenFindings: 0 }) && _awaitingRepair.TryRemove(volume.Id, out _))
            {
                await _table.UpdateAsync(volume.Id, v => v with { NeedsRepair = false }, cancellationToken);
                _logger.LogInformation("Volume {VolumeId}: every replica reports no damaged needle; needs_repair cleared", volume.Id);
            }
            return false;
        }
        _awaitingRepair[volume.Id] = true;
        await _transitions.MarkDegradedAsync(volume.Id,
            string.Join("; ", damaged.Select(d => $"the replica on {d.Store} has {d.Status!.Scrub!.OpenFindings} damaged or missing needles (found by its scrub)")),
            needsRepair: true, cancellationToken);
        // A source must be healthy: present, and its own scrub reports nothing open.
        var sources = replicas.Where(r => r.Status?.Scrub is { OpenFindings: 0 }).Select(r => r.Store).ToArray();
        var repaired = false;
        foreach (var (store, status) in damaged)
        {
            try
            {
                repaired |= await RepairReplicaAsync(volume, store, status!, sources, cancellationToken);
            }
            catch (StoreCallException e)
            {
                Interlocked.Increment(ref _failures);
                _logger.LogWarning("Volume {VolumeId}: repair of the replica on {Store} failed; the next round tries again: {Error}", volume.Id, store, e.Message);
            }
        }
        return repaired;
    }

    private async Task<bool> RepairReplicaAsync(LogicalVolume volume, Uri store, VolumeStatus status, Uri[] sources, CancellationToken cancellationToken)
    {
        if (sources.Length == 0)
        {
            _logger.LogWarning("Volume {VolumeId}: the replica on {Store} needs repair but no replica is healthy to copy from", volume.Id, store);
            return false;
        }
        var report = await _stores.GetScrubAsync(store, volume.Id, cancellationToken);
        var needles = Math.Max(1, Math.Max(volume.NeedleCount, status.NeedleCount));
        if (report.Findings.Count > _options.RebuildThreshold * needles)
        {
            return await RebuildAsync(volume, store, sources[0],
                $"{report.Findings.Count} of its {needles} needles are damaged or missing (more than {_options.RebuildThreshold:0.#%})", cancellationToken);
        }
        var any = false;
        foreach (var finding in report.Findings)
        {
            var copy = await CopyFromAsync(sources, volume.Id, finding, cancellationToken);
            if (copy is null)
            {
                _logger.LogWarning("Volume {VolumeId}: no healthy replica has a live copy of needle {Key}/{AlternateKey}; it stays listed as damaged on {Store}",
                    volume.Id, finding.Key, finding.AlternateKey, store);
                continue;
            }
            NeedleRepairReport outcome;
            try
            {
                outcome = await _stores.RepairNeedleAsync(store, volume.Id, finding.Key, finding.AlternateKey, copy, cancellationToken);
            }
            catch (StoreCallException e) when (e.Status == System.Net.HttpStatusCode.Conflict)
            {
                return await RebuildAsync(volume, store, sources[0], $"needle {finding.Key}/{finding.AlternateKey} cannot be repaired in place: {e.Message}", cancellationToken);
            }
            Interlocked.Increment(ref _needlesRepaired);
            Record(volume.Id, needles: 1, rebuilt: 0, finding.Problem);
            _logger.LogWarning("Volume {VolumeId}: repaired needle {Key}/{AlternateKey} on {Store} from a healthy copy ({Outcome}); it was {Problem}",
                volume.Id, finding.Key, finding.AlternateKey, store, outcome.Outcome, finding.Problem);
            any = true;
        }
        return any;
    }

    private async Task<byte[]?> CopyFromAsync(Uri[] sources, uint volumeId, ScrubFindingReport finding, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            try
            {
                if (await _stores.ReadNeedleCopyAsync(source, volumeId, finding.Key, finding.AlternateKey, cancellationToken) is { } copy)
                {
                    return copy;
                }
            }
            catch (StoreCallException e)
            {
                _logger.LogWarning("Volume {VolumeId}: could not copy needle {Key}/{AlternateKey} from {Source}: {Error}",
                    volumeId, finding.Key, finding.AlternateKey, source, e.Message);
            }
        }
        return null;
    }

    private async Task<bool> RebuildAsync(LogicalVolume volume, Uri store, Uri source, string why, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Volume {VolumeId}: rebuilding the replica on {Store} whole from {Source}: {Why}", volume.Id, store, source, why);
        var rebuilt = await _stores.RebuildVolumeAsync(source, store, volume.Id, cancellationToken);
        Interlocked.Increment(ref _replicasRebuilt);
        Record(volume.Id, needles: 0, rebuilt: 1, why);
        _logger.LogWarning("Volume {VolumeId}: the replica on {Store} was rebuilt whole ({Bytes} bytes, {Needles} needles)",
            volume.Id, store, rebuilt.SizeBytes, rebuilt.NeedleCount);
        return true;
    }

    private void Record(uint volumeId, long needles, long rebuilt, string problem) =>
        _repairs.AddOrUpdate(volumeId,
            _ => new VolumeRepairs(needles, rebuilt, DateTimeOffset.UtcNow, problem),
            (_, known) => new VolumeRepairs(known.NeedlesRepaired + needles, known.ReplicasRebuilt + rebuilt, DateTimeOffset.UtcNow, problem));
}
