namespace Haystack.Cache.Memory;

/// <summary>How <see cref="PhotoCache"/> chooses what to keep; the hit-rate benchmark compares all three.</summary>
public enum CachePolicy
{
    /// <summary>Least recently used goes first; the baseline.</summary>
    Lru,
    /// <summary>Probation and protected segments: a photo must be read twice to be protected.</summary>
    SegmentedLru,
    /// <summary>
    /// A small LRU window in front of a segmented LRU; a photo leaving the window displaces the main segment's
    /// eviction candidate only if it was read more often recently (W-TinyLFU). The default.
    /// </summary>
    WindowTinyLfu,
}
