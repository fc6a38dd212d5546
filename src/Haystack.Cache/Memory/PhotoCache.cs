using Haystack.Store;

namespace Haystack.Cache.Memory;

/// <summary>
/// A byte-bounded, thread-safe segmented LRU of photos. New photos enter a probation segment; a second hit
/// promotes one to the protected segment (at most <see cref="ProtectedShare"/> of the capacity), whose overflow
/// goes back to the head of probation. Evictions take the probation tail first, so a stream of photos read once
/// (the long tail of a photo workload) cycles through probation without pushing out photos read again and again.
/// With a protected share of 0 it is a plain LRU, which the hit-rate benchmark uses as its baseline.
/// </summary>
public sealed class PhotoCache
{
    /// <summary>
    /// Bytes charged per entry on top of the body and header strings: the entry and photo objects, the array and
    /// string headers and the dictionary slot, as laid out by the 64-bit CoreCLR (rounded up).
    /// </summary>
    public const int EntryOverheadBytes = 192;

    private readonly Lock gate = new();
    private readonly Dictionary<PhotoId, CacheEntry> entries = [];
    private readonly EntryList probation = new();
    private readonly EntryList protectedEntries = new();
    private readonly long protectedCapacity;
    private long evictions;

    public PhotoCache(long capacityBytes, double protectedShare = 0.8, long? maxEntryBytes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, EntryOverheadBytes, nameof(capacityBytes));
        if (protectedShare is < 0 or >= 1 || double.IsNaN(protectedShare))
        {
            throw new ArgumentOutOfRangeException(nameof(protectedShare), protectedShare, "The protected share is a fraction from 0 (plain LRU) to below 1.");
        }
        CapacityBytes = capacityBytes;
        ProtectedShare = protectedShare;
        protectedCapacity = (long)(capacityBytes * protectedShare);
        // One huge photo must not flush the whole cache: by default an entry takes at most an eighth of it.
        MaxEntryBytes = maxEntryBytes ?? Math.Max(EntryOverheadBytes, capacityBytes / 8);
    }

    public long CapacityBytes { get; }

    public double ProtectedShare { get; }

    /// <summary>Photos whose cost exceeds this are served but never cached.</summary>
    public long MaxEntryBytes { get; }

    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return probation.Bytes + protectedEntries.Bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public long Evictions => Interlocked.Read(ref evictions);

    /// <summary>What <paramref name="photo"/> costs against the capacity.</summary>
    public static long CostOf(CachedPhoto photo) =>
        photo.Data.LongLength + (2L * (photo.ContentType.Length + photo.ETag.Length)) + EntryOverheadBytes;

    public bool TryGet(PhotoId id, out CachedPhoto photo)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(id, out var entry))
            {
                photo = null!;
                return false;
            }
            if (entry.List == probation)
            {
                probation.Remove(entry);
                protectedEntries.AddMostRecent(entry);
                DemoteProtectedOverflow();
            }
            else
            {
                protectedEntries.MoveToMostRecent(entry);
            }
            photo = entry.Photo;
            return true;
        }
    }

    /// <summary>Caches <paramref name="photo"/> (replacing an older copy) and evicts down to the capacity; false when it is too large to cache.</summary>
    public bool Add(PhotoId id, CachedPhoto photo)
    {
        var cost = CostOf(photo);
        lock (gate)
        {
            if (entries.TryGetValue(id, out var existing))
            {
                existing.List!.Remove(existing);
                entries.Remove(id);
            }
            if (cost > MaxEntryBytes)
            {
                return false;
            }
            var entry = new CacheEntry(id, photo, cost);
            entries.Add(id, entry);
            probation.AddMostRecent(entry);
            EvictOverflow();
            return true;
        }
    }

    /// <summary>Drops the photo; true when it was cached.</summary>
    public bool Remove(PhotoId id)
    {
        lock (gate)
        {
            if (!entries.Remove(id, out var entry))
            {
                return false;
            }
            entry.List!.Remove(entry);
            return true;
        }
    }

    private void DemoteProtectedOverflow()
    {
        while (protectedEntries.Bytes > protectedCapacity && protectedEntries.LeastRecent is { } demoted)
        {
            protectedEntries.Remove(demoted);
            probation.AddMostRecent(demoted);
        }
    }

    private void EvictOverflow()
    {
        while (probation.Bytes + protectedEntries.Bytes > CapacityBytes)
        {
            var victim = probation.LeastRecent ?? protectedEntries.LeastRecent!;
            victim.List!.Remove(victim);
            entries.Remove(victim.Id);
            Interlocked.Increment(ref evictions);
        }
    }
}
