using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Replicas;

/// <summary>
/// Volume lookups through the Directory, each kept for a short TTL so a hot volume costs one lookup per TTL, not
/// one per miss, and concurrent lookups of one volume share one request. When the Directory cannot be reached an
/// expired answer is still used (replicas rarely move), so a Directory outage does not stop reads.
/// </summary>
public sealed class VolumeLocator(DirectoryClient directory, CacheOptions options, TimeProvider clock, ILogger<VolumeLocator> logger)
{
    private readonly ConcurrentDictionary<uint, Lookup> _lookups = new();
    private readonly ConcurrentDictionary<uint, Lazy<Task<VolumeLocation?>>> _inFlight = new();

    /// <summary>The volume's location and whether it came fresh from the Directory; null for a volume it does not know.</summary>
    public async Task<(VolumeLocation? Location, bool Fresh)> LocateAsync(uint volumeId, CancellationToken cancellationToken)
    {
        if (_lookups.TryGetValue(volumeId, out var known) && clock.GetUtcNow() - known.At < options.LookupTtl)
        {
            return (known.Location, false);
        }
        return (await RefreshAsync(volumeId, cancellationToken), true);
    }

    /// <summary>
    /// Asks the Directory (joining a lookup of the same volume already in flight); falls back to the last answer
    /// when it is unreachable, and throws <see cref="DirectoryException"/> when there is none.
    /// </summary>
    public Task<VolumeLocation?> RefreshAsync(uint volumeId, CancellationToken cancellationToken)
    {
        Lazy<Task<VolumeLocation?>>? started = null;
        var lookup = _inFlight.GetOrAdd(volumeId, id => started = new Lazy<Task<VolumeLocation?>>(() => LookupAsync(id)));
        var task = lookup.Value;
        if (lookup == started)
        {
            _ = task.ContinueWith(_ => _inFlight.TryRemove(new KeyValuePair<uint, Lazy<Task<VolumeLocation?>>>(volumeId, lookup)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Makes the next miss ask the Directory (a replica just failed); the old answer stays as a fallback.</summary>
    public void Expire(uint volumeId)
    {
        if (_lookups.TryGetValue(volumeId, out var known))
        {
            _lookups.TryUpdate(volumeId, known with { At = DateTimeOffset.MinValue }, known);
        }
    }

    // Runs on no caller's token: the Directory client's own timeout bounds it, and every waiter shares it.
    private async Task<VolumeLocation?> LookupAsync(uint volumeId)
    {
        try
        {
            var location = await directory.LookupAsync(volumeId, CancellationToken.None);
            _lookups[volumeId] = new Lookup(location, clock.GetUtcNow());
            return location;
        }
        catch (DirectoryException e) when (_lookups.TryGetValue(volumeId, out var stale) && stale.Location is not null)
        {
            logger.LogWarning("{Problem}; using the replicas it named before", e.Message);
            return stale.Location;
        }
    }

    private sealed record Lookup(VolumeLocation? Location, DateTimeOffset At);
}
