using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Haystack.Storage;
using Microsoft.Extensions.Logging;

namespace Haystack.Store.Scrub;

/// <summary>
/// The store's background scrub: one volume at a time, step by step (<see cref="ScrubOptions.StepBytes"/>), it has the
/// engine check every live needle against the data file (<see cref="Volume.ScrubAsync"/>) at the pacer's rate, saves
/// the checkpoint after each step so a pass resumes after a restart, and keeps what it found until a repair resolves it.
/// The Directory reads the findings from the volume status and repairs them from a healthy replica.
/// </summary>
public sealed class StoreScrubber : IDisposable
{
    private readonly VolumeSet _volumes;
    private readonly ScrubOptions _options;
    private readonly ILogger<StoreScrubber> _logger;
    private readonly ScrubMetrics _metrics;
    private readonly ConcurrentDictionary<uint, VolumeScrub> _states = new();
    private readonly SemaphoreSlim _wake = new(0, 1);

    public StoreScrubber(VolumeSet volumes, StoreOptions options, IMeterFactory meterFactory, ILogger<StoreScrubber> logger)
    {
        _volumes = volumes;
        _options = options.Scrub;
        _logger = logger;
        Pacer = new ScrubPacer(options.Scrub.BytesPerSecond);
        _metrics = new ScrubMetrics(meterFactory.Create(Stats.StoreMetrics.MeterName), this);
    }

    public ScrubPacer Pacer { get; }

    /// <summary>Needles checked since the store started.</summary>
    public long NeedlesChecked => _metrics.NeedlesChecked;

    /// <summary>The scrub state of an open volume (created on first use from its checkpoint file).</summary>
    internal VolumeScrub StateOf(Volume volume)
    {
        var state = _states.AddOrUpdate(volume.Id.Value, _ => VolumeScrub.Load(volume),
            (_, known) => ReferenceEquals(known.Volume, volume) ? known : VolumeScrub.Load(volume));
        return state;
    }

    /// <summary>Starts a new whole pass of the volume now, ahead of the others.</summary>
    public void RequestPass(Volume volume)
    {
        StateOf(volume).Request();
        Wake();
    }

    /// <summary>A read found a needle damaged: list it at once, so the Directory repairs it without waiting for the scrub.</summary>
    public void RecordCorruptRead(NeedleCorruptException corrupt)
    {
        var volume = _volumes.List().FirstOrDefault(v => v.Id == corrupt.VolumeId);
        if (volume is null)
        {
            return;
        }
        var state = StateOf(volume);
        if (state.AddFinding(new ScrubFinding(corrupt.NeedleId, corrupt.Offset, 0, corrupt.Reason, Missing: false, DateTimeOffset.UtcNow)))
        {
            _metrics.RecordFindings(1, 0);
            _ = SaveInBackgroundAsync(state);
        }
    }

    /// <summary>A repair endpoint resolved a needle: drop its finding, count and log the repair.</summary>
    public async Task RecordRepairAsync(Volume volume, NeedleId id, NeedleRepair outcome)
    {
        var written = outcome is NeedleRepair.Rewritten or NeedleRepair.Appended;
        var state = StateOf(volume);
        var finding = state.Resolve(id, written);
        _metrics.RecordRepair(outcome);
        _logger.LogInformation("Volume {VolumeId}: needle {NeedleId} repaired from a healthy replica ({Outcome}); it was {Problem}",
            volume.Id, id, outcome, finding?.Problem ?? "not listed as damaged");
        await state.SaveAsync(CancellationToken.None);
    }

    /// <summary>Runs until stopped: the due volume's next step, or a wait for the next due time (or a wake-up).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var next = Due(now);
            try
            {
                if (next is null)
                {
                    await WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
                    continue;
                }
                if (next.Value.At > now)
                {
                    await WaitAsync(TimeSpan.FromTicks(Math.Min((next.Value.At - now).Ticks, TimeSpan.FromMinutes(1).Ticks)), cancellationToken);
                    continue;
                }
                await StepAsync(next.Value.State, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is VolumeClosedException or ObjectDisposedException)
            {
                // The volume closed under the step (store stopping, or the replica was replaced whole): the next
                // round starts from the volume set as it is now.
                _states.TryRemove(next!.Value.State.Volume.Id.Value, out _);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Scrub step of volume {VolumeId} failed; trying again in 10 s", next?.State.Volume.Id);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The scrub status of every open volume, for /stats and the volume status.</summary>
    internal IEnumerable<VolumeScrub> States => _volumes.List().Select(StateOf);

    public void Dispose()
    {
        Pacer.Dispose();
        _wake.Dispose();
    }

    private async Task StepAsync(VolumeScrub state, CancellationToken cancellationToken)
    {
        var volume = state.Volume;
        var offset = state.NextOffset(volume.Stats.CompactionRevision, DateTimeOffset.UtcNow);
        if (offset == 0)
        {
            _logger.LogInformation("Scrub of volume {VolumeId} starts a pass over {Bytes} bytes", volume.Id, volume.Stats.SizeBytes);
        }
        var step = await volume.ScrubAsync(offset, _options.StepBytes, Pacer.AcquireAsync, cancellationToken);
        var started = state.Checkpoint.PassStarted;
        var fresh = state.Apply(step, DateTimeOffset.UtcNow);
        _metrics.RecordStep(step);
        if (fresh is null)
        {
            _logger.LogInformation("Volume {VolumeId} was compacted during its scrub; the pass starts again", volume.Id);
            return;
        }
        foreach (var finding in fresh)
        {
            _logger.LogWarning("Scrub of volume {VolumeId}: needle {NeedleId} at offset {Offset} is {Kind}: {Problem}",
                volume.Id, finding.Id, finding.Offset, finding.Missing ? "missing" : "damaged", finding.Problem);
        }
        _metrics.RecordFindings(fresh.Count(f => !f.Missing), fresh.Count(f => f.Missing));
        if (step.ReachedEnd)
        {
            _logger.LogInformation("Scrub of volume {VolumeId} completed a pass in {Elapsed}: {Open} needles need repair",
                volume.Id, DateTimeOffset.UtcNow - started, state.Checkpoint.Findings.Count);
        }
        await state.SaveAsync(cancellationToken);
    }

    // The read that found the damage is answered without waiting for the checkpoint; a failed save is retried by the next step.
    private async Task SaveInBackgroundAsync(VolumeScrub state)
    {
        try
        {
            await state.SaveAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Could not save the scrub checkpoint of volume {VolumeId}", state.Volume.Id);
        }
    }

    private (VolumeScrub State, DateTimeOffset At)? Due(DateTimeOffset now)
    {
        (VolumeScrub State, DateTimeOffset At)? best = null;
        foreach (var state in States)
        {
            var at = state.DueAt(_options.PassInterval);
            // Asked-for passes first, then passes in progress, then by due time and volume id.
            if (state.Requested)
            {
                return (state, now);
            }
            if (best is null || at < best.Value.At)
            {
                best = (state, at);
            }
        }
        return best;
    }

    private async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _wake.WaitAsync(timeout, cancellationToken);

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
    }
}
