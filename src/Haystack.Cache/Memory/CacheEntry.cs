using Haystack.Protocol;

namespace Haystack.Cache.Memory;

/// <summary>One cached photo and its links in the segment list it sits in (an intrusive list: no node allocations).</summary>
internal sealed class CacheEntry(PhotoId id, CachedPhoto photo, long cost)
{
    public PhotoId Id { get; } = id;

    public CachedPhoto Photo { get; } = photo;

    /// <summary>Bytes charged against the capacity: the body, the header strings and <see cref="PhotoCache.EntryOverheadBytes"/>.</summary>
    public long Cost { get; } = cost;

    public EntryList? List { get; set; }

    public CacheEntry? Previous { get; set; }

    public CacheEntry? Next { get; set; }
}
