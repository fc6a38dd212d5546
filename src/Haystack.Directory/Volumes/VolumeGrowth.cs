using Haystack.Directory.Stores;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Volumes;

/// <summary>
/// Dev mode: keeps at least <see cref="DirectoryOptions.WritableVolumes"/> writable volumes by creating new ones,
/// each on <see cref="DirectoryOptions.Replication"/> distinct stores that are up, preferring the stores that
/// hold the fewest replicas. New ids are above every id in the table and on the stores, so an orphan physical
/// volume (e.g. from a deleted state file) is never adopted by mistake.
/// </summary>
public sealed class VolumeGrowth(VolumeTable table, StoreClient stores, StoreHealth health, DirectoryOptions options, ILogger<VolumeGrowth> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private uint _highestIdTried;

    public bool Enabled => options.CreatesVolumes;

    /// <summary>Creates volumes until enough are writable or a creation fails; returns how many it created.</summary>
    public async Task<int> EnsureWritableAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return 0;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var created = 0;
            while (table.List().Count(v => v.State == VolumeState.Writable) < options.WritableVolumes)
            {
                if (!await CreateOneAsync(cancellationToken))
                {
                    break;
                }
                created++;
            }
            return created;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> CreateOneAsync(CancellationToken cancellationToken)
    {
        var volumes = table.List();
        var placement = health.Stores
            .Where(health.IsUp)
            .OrderBy(store => volumes.Count(v => v.Replicas.Contains(store)))
            .Take(options.Replication)
            .ToArray();
        if (placement.Length < options.Replication)
        {
            logger.LogWarning("Cannot create a writable volume: {Up} of {Stores} stores are up and replication needs {Replication} distinct stores",
                placement.Length, health.Stores.Count, options.Replication);
            return false;
        }

        var id = NextVolumeId(volumes);
        _highestIdTried = id;
        try
        {
            var created = await Task.WhenAll(placement.Select(store => stores.CreateVolumeAsync(store, id, options.Replication, cancellationToken)));
            await table.AddAsync(new LogicalVolume
            {
                Id = id,
                State = VolumeState.Writable,
                Replicas = placement,
                SizeBytes = created.Max(s => s.SizeBytes),
                SizeLimitBytes = Math.Min(options.VolumeSizeLimitBytes, created.Min(s => s.SizeLimitBytes)),
            }, cancellationToken);
            logger.LogInformation("Created writable volume {VolumeId} on {Stores}", id, string.Join(", ", placement.Select(s => s.ToString())));
            return true;
        }
        catch (StoreCallException e)
        {
            // The replicas that were created stay unused: the next attempt takes a higher id.
            logger.LogWarning("Could not create volume {VolumeId}: {Error}", id, e.Message);
            return false;
        }
    }

    private uint NextVolumeId(IReadOnlyList<LogicalVolume> volumes)
    {
        var onStores = health.Stores
            .SelectMany(store => health.Latest(store)?.Volumes ?? [])
            .Select(v => v.VolumeId)
            .DefaultIfEmpty(0u)
            .Max();
        var inTable = volumes.Select(v => v.Id).DefaultIfEmpty(0u).Max();
        return Math.Max(Math.Max(onStores, inTable), _highestIdTried) + 1;
    }
}
