using Haystack.Cache.Memory;
using Haystack.Cache.Replicas;
using Haystack.Protocol;

namespace Haystack.Cache;

/// <summary>
/// A read on the node that owns the photo: memory first, else one coalesced store fetch, then the paper's rule
/// decides whether to keep it: only for a request straight from a user (no CDN in between, which caches it
/// already) and only from a write-enabled volume (recent uploads are the hot ones, and those stores also take
/// the writes, so shielding them pays most).
/// </summary>
public sealed class PhotoReader(PhotoCache cache, MissCoalescer misses, CacheStats stats)
{
    // Bumped by every invalidation: a fetch that started before one must not put back what was just dropped.
    // The gate makes "no invalidation since the fetch began, so add" one step against a concurrent invalidation.
    private readonly Lock _invalidationGate = new();
    private long _invalidations;

    /// <param name="fromCdn">The request came through a CDN.</param>
    /// <param name="mayCache">False when this node does not own the photo and serves it only as a fallback.</param>
    public async Task<PhotoRead> ReadAsync(PhotoId id, bool fromCdn, bool mayCache, CancellationToken cancellationToken)
    {
        if (cache.TryGet(id, out var cached))
        {
            return new PhotoRead(cached, Hit: true, null);
        }
        var before = Interlocked.Read(ref _invalidations);
        var outcome = await misses.FetchAsync(id, cancellationToken);
        switch (outcome.Status)
        {
            case FetchStatus.Found:
                var photo = outcome.Photo!;
                if (!(mayCache && !fromCdn && outcome.FromWritableVolume && AddUnlessInvalidated(id, photo, before)))
                {
                    stats.RecordNotCached();
                }
                return new PhotoRead(photo, Hit: false, null);
            case FetchStatus.NotFound:
                return new PhotoRead(null, Hit: false, null);
            default:
                return new PhotoRead(null, Hit: false, outcome.Error);
        }
    }

    /// <summary>Drops the photo from memory and from any fetch in flight; true when it was cached.</summary>
    public bool Invalidate(PhotoId id)
    {
        lock (_invalidationGate)
        {
            Interlocked.Increment(ref _invalidations);
            misses.Forget(id);
            return cache.Remove(id);
        }
    }

    private bool AddUnlessInvalidated(PhotoId id, CachedPhoto photo, long invalidationsBefore)
    {
        lock (_invalidationGate)
        {
            return invalidationsBefore == Interlocked.Read(ref _invalidations) && cache.Add(id, photo);
        }
    }
}
