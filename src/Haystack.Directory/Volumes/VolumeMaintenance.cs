using Haystack.Directory.Repair;
using Haystack.Directory.Stores;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Volumes;

/// <summary>
/// The Directory's control loop: every probe interval (or sooner when woken) it lists the volumes of every
/// store, repairs what their scrubs found (<see cref="ReplicaRepairer"/>), reconciles each logical volume with what the
/// stores report (<see cref="VolumeReconciler"/>), makes
/// read-only replicas agree, creates volumes when writable capacity runs low and saves the table.
/// </summary>
public sealed class VolumeMaintenance(
    VolumeTable table,
    StoreClient stores,
    StoreHealth health,
    VolumeTransitions transitions,
    VolumeGrowth growth,
    ReplicaRepairer repairer,
    DirectoryOptions options,
    ILogger<VolumeMaintenance> logger)
{
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed rounds, for /stats.</summary>
    public long Rounds { get; private set; }

    /// <summary>Completes when the loop's first round has ended, successfully or not.</summary>
    public Task FirstRound => _firstRound.Task;

    /// <summary>Runs rounds until stopped; a failed round is logged and the next one tries again.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _firstRound.TrySetResult();
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Volume maintenance round failed; retrying in {Interval}", options.ProbeInterval);
            }
            _firstRound.TrySetResult();
            try
            {
                await _wake.WaitAsync(options.ProbeInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Asks for a round now instead of at the next interval (e.g. after a volume filled up).</summary>
    public void Wake()
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

    /// <summary>One round; rounds never overlap.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var everyStore = health.Stores.Concat(table.List().SelectMany(v => v.Replicas)).Distinct().ToArray();
            var probes = await Task.WhenAll(everyStore.Select(store => ProbeAsync(store, cancellationToken)));
            foreach (var probe in probes)
            {
                health.Record(probe);
            }
            var byStore = probes.ToDictionary(p => p.Store);

            var repaired = false;
            foreach (var listed in table.List())
            {
                // Repairs first: clearing needs_repair lets this round's reconcile heal the volume.
                repaired |= await repairer.RepairAsync(listed, byStore.GetValueOrDefault, cancellationToken);
                var volume = table.Find(listed.Id) ?? listed;
                var updated = await table.UpdateAsync(volume.Id,
                    current => VolumeReconciler.Reconcile(current, byStore.GetValueOrDefault, options.VolumeSizeLimitBytes, options.ReadOnlyThreshold),
                    cancellationToken);
                if (updated is not null && updated.State != volume.State)
                {
                    logger.LogInformation("Volume {VolumeId}: {Before} -> {After} ({Reason})", volume.Id, volume.State, updated.State, updated.Reason ?? "all replicas healthy");
                }
                if (updated?.State == VolumeState.ReadOnly)
                {
                    await MakeReplicasReadOnlyAsync(updated, byStore, cancellationToken);
                }
            }

            await growth.EnsureWritableAsync(cancellationToken);
            await table.SaveFiguresAsync(cancellationToken);
            Rounds++;
            if (repaired)
            {
                Wake(); // probe again soon to see the repairs confirmed
            }
        }
        finally
        {
            _round.Release();
        }
    }

    private Task MakeReplicasReadOnlyAsync(LogicalVolume volume, Dictionary<Uri, StoreProbe> probes, CancellationToken cancellationToken) =>
        Task.WhenAll(volume.Replicas
            .Where(store => probes.GetValueOrDefault(store)?.Find(volume.Id) is { ReadOnly: false })
            .Select(store => transitions.MarkReplicaReadOnlyAsync(store, volume.Id, cancellationToken)));

    private async Task<StoreProbe> ProbeAsync(Uri store, CancellationToken cancellationToken)
    {
        try
        {
            var volumes = await stores.ListVolumesAsync(store, cancellationToken);
            return new StoreProbe(store, DateTimeOffset.UtcNow, volumes, null);
        }
        catch (StoreCallException e)
        {
            return new StoreProbe(store, DateTimeOffset.UtcNow, null, e.Message);
        }
    }
}
