using Haystack.Protocol;

namespace Haystack.Cache.Memory;

/// <summary>
/// A byte-bounded, thread-safe photo cache; every operation is O(1) under one lock. With the default
/// <see cref="CachePolicy.WindowTinyLfu"/> a new photo enters a small LRU window (1% of the capacity); leaving
/// it, the photo competes with the main segment's eviction candidate and gets in only if a frequency sketch says
/// it was read more often recently. The main segment is a segmented LRU: probation, then protected (80%) after a
/// second read, whose overflow goes back to probation. So the stream of photos read once, the long tail of a
/// photo workload, cannot push out photos read again and again, while a fresh upload that is read at once
/// (the hot case) stays long enough in the window to prove it.
/// </summary>
public sealed class PhotoCache
{
    /// <summary>
    /// Bytes charged per entry on top of the body and header strings: the entry and photo objects, the array and
    /// string headers and the dictionary slot, as laid out by the 64-bit CoreCLR (rounded up).
    /// </summary>
    public const int EntryOverheadBytes = 192;

    private const double WindowShare = 0.01;
    private const double ProtectedShare = 0.8;

    // Sized for photos of 16 KiB on average: a counter row per expected photo is accurate enough.
    private const int SketchBytesPerPhoto = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<PhotoId, CacheEntry> _entries = [];
    private readonly EntryList _window = new();
    private readonly EntryList _probation = new();
    private readonly EntryList _protectedEntries = new();
    private readonly FrequencySketch? _sketch;
    private readonly long _windowCapacity;
    private readonly long _mainCapacity;
    private readonly long _protectedCapacity;
    private long _evictions;

    public PhotoCache(long capacityBytes, CachePolicy policy = CachePolicy.WindowTinyLfu, long? maxEntryBytes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, EntryOverheadBytes, nameof(capacityBytes));
        CapacityBytes = capacityBytes;
        Policy = policy;
        if (policy == CachePolicy.WindowTinyLfu)
        {
            _windowCapacity = (long)(capacityBytes * WindowShare);
            _sketch = new FrequencySketch((int)Math.Min(int.MaxValue, capacityBytes / SketchBytesPerPhoto));
        }
        _mainCapacity = capacityBytes - _windowCapacity;
        _protectedCapacity = policy == CachePolicy.Lru ? 0 : (long)(_mainCapacity * ProtectedShare);
        // One huge photo must not flush the whole cache: by default an entry takes at most an eighth of it.
        MaxEntryBytes = Math.Min(maxEntryBytes ?? capacityBytes / 8, _mainCapacity);
    }

    public long CapacityBytes { get; }

    public CachePolicy Policy { get; }

    /// <summary>Photos whose cost exceeds this are served but never cached.</summary>
    public long MaxEntryBytes { get; }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _window.Bytes + _probation.Bytes + _protectedEntries.Bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Photos dropped to stay within the capacity, including those refused on leaving the window.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>What <paramref name="photo"/> costs against the capacity.</summary>
    public static long CostOf(CachedPhoto photo) =>
        photo.Data.LongLength + (2L * (photo.ContentType.Length + photo.ETag.Length)) + EntryOverheadBytes;

    /// <summary>The cached photo, if any; every call, hit or miss, counts as a read of <paramref name="id"/>.</summary>
    public bool TryGet(PhotoId id, out CachedPhoto photo)
    {
        lock (_gate)
        {
            _sketch?.Increment(id);
            if (!_entries.TryGetValue(id, out var entry))
            {
                photo = null!;
                return false;
            }
            if (entry.List == _probation)
            {
                _probation.Remove(entry);
                _protectedEntries.AddMostRecent(entry);
                DemoteProtectedOverflow();
            }
            else
            {
                entry.List!.MoveToMostRecent(entry);
            }
            photo = entry.Photo;
            return true;
        }
    }

    /// <summary>
    /// Caches <paramref name="photo"/> (replacing an older copy) and evicts down to the capacity; false when it is
    /// too large to cache or, under <see cref="CachePolicy.WindowTinyLfu"/>, lost its admission at once.
    /// </summary>
    public bool Add(PhotoId id, CachedPhoto photo)
    {
        var cost = CostOf(photo);
        lock (_gate)
        {
            if (_entries.Remove(id, out var existing))
            {
                existing.List!.Remove(existing);
            }
            if (cost > MaxEntryBytes)
            {
                return false;
            }
            var entry = new CacheEntry(id, photo, cost);
            _entries.Add(id, entry);
            if (_sketch is null)
            {
                Admit(entry);
            }
            else
            {
                _window.AddMostRecent(entry);
                while (_window.Bytes > _windowCapacity && _window.LeastRecent is { } candidate)
                {
                    _window.Remove(candidate);
                    Admit(candidate);
                }
            }
            return entry.List is not null;
        }
    }

    /// <summary>Drops the photo; true when it was cached.</summary>
    public bool Remove(PhotoId id)
    {
        lock (_gate)
        {
            if (!_entries.Remove(id, out var entry))
            {
                return false;
            }
            entry.List!.Remove(entry);
            return true;
        }
    }

    /// <summary>Puts <paramref name="candidate"/> into probation, evicting as needed, unless it loses to an eviction candidate.</summary>
    private void Admit(CacheEntry candidate)
    {
        while (_probation.Bytes + _protectedEntries.Bytes + candidate.Cost > _mainCapacity)
        {
            var victim = _probation.LeastRecent ?? _protectedEntries.LeastRecent!;
            // Ties go to the photo already cached: a newcomer read once must not displace one read once before it.
            var loser = _sketch is not null && _sketch.Estimate(candidate.Id) <= _sketch.Estimate(victim.Id) ? candidate : victim;
            if (loser != candidate)
            {
                victim.List!.Remove(victim);
            }
            _entries.Remove(loser.Id);
            Interlocked.Increment(ref _evictions);
            if (loser == candidate)
            {
                return;
            }
        }
        _probation.AddMostRecent(candidate);
    }

    private void DemoteProtectedOverflow()
    {
        while (_protectedEntries.Bytes > _protectedCapacity && _protectedEntries.LeastRecent is { } demoted)
        {
            _protectedEntries.Remove(demoted);
            _probation.AddMostRecent(demoted);
        }
    }
}
