using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Replicas;

/// <summary>
/// Volume lookups through the Directory, each kept for a short TTL so a hot volume costs one lookup per TTL, not
/// one per miss. When the Directory cannot be reached an expired answer is still used (the replicas rarely move),
/// so a Directory outage does not stop reads.
/// </summary>
public sealed class VolumeLocator(DirectoryClient directory, CacheOptions options, TimeProvider clock, ILogger<VolumeLocator> logger)
{
    private readonly ConcurrentDictionary<uint, Lookup> lookups = new();

    /// <summary>The volume's location and whether it came fresh from the Directory; null for a volume it does not know.</summary>
    public async Task<(VolumeLocation? Location, bool Fresh)> LocateAsync(uint volumeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (lookups.TryGetValue(volumeId, out var known) && now - known.At < options.LookupTtl)
        {
            return (known.Location, false);
        }
        return (await RefreshAsync(volumeId, cancellationToken), true);
    }

    /// <summary>Asks the Directory again (after the known replicas failed); falls back to the last answer if it is unreachable.</summary>
    public async Task<VolumeLocation?> RefreshAsync(uint volumeId, CancellationToken cancellationToken)
    {
        try
        {
            var location = await directory.LookupAsync(volumeId, cancellationToken);
            lookups[volumeId] = new Lookup(location, clock.GetUtcNow());
            return location;
        }
        catch (DirectoryException e) when (lookups.TryGetValue(volumeId, out var stale) && stale.Location is not null)
        {
            logger.LogWarning("{Problem}; using the replicas it named {Age} ago", e.Message, clock.GetUtcNow() - stale.At);
            return stale.Location;
        }
    }

    /// <summary>Makes the next miss ask the Directory (a replica just failed); the old answer stays as a fallback.</summary>
    public void Expire(uint volumeId)
    {
        if (lookups.TryGetValue(volumeId, out var known))
        {
            lookups.TryUpdate(volumeId, known with { At = DateTimeOffset.MinValue }, known);
        }
    }

    private sealed record Lookup(VolumeLocation? Location, DateTimeOffset At);
}
