namespace Haystack.Storage.Memory;

/// <summary>
/// The in-memory index of one volume: (key, alternate key) -> (offset, length). Keys arrive mostly in
/// ascending order (the Directory hands them out from a counter), so entries are appended to packed,
/// sorted sections at 11 bytes each and found by two binary searches. An id that arrives out of order,
/// or whose alternate key or length does not fit the packing, goes to a dictionary (about 40 bytes).
/// Deleted needles keep their entry with offset 0. All members are safe to call concurrently.
/// </summary>
internal sealed class NeedleMap
{
    private readonly Lock _lock = new();
    private readonly List<NeedleMapSection> _sections = [];
    private readonly Dictionary<NeedleId, NeedleSlot> _overflow = [];

    /// <summary>Entries held, deleted ones included.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                long count = _overflow.Count;
                foreach (var section in _sections)
                {
                    count += section.Count;
                }
                return count;
            }
        }
    }

    /// <summary>Entries that did not fit the packed sections; a high share means keys arrive out of order.</summary>
    public int OverflowCount
    {
        get
        {
            lock (_lock)
            {
                return _overflow.Count;
            }
        }
    }

    /// <summary>The slot of a needle; false when the map never saw it. A deleted needle returns true with offset 0.</summary>
    public bool TryGet(NeedleId id, out NeedleSlot slot)
    {
        lock (_lock)
        {
            var (section, index) = Find(id);
            if (section is not null)
            {
                slot = section.SlotAt(index);
                return true;
            }
            return _overflow.TryGetValue(id, out slot);
        }
    }

    /// <summary>
    /// Sets a needle's slot unless the map holds a live slot at a higher offset (the highest offset wins).
    /// Returns the slot it replaced (offset 0 when that was deleted), or null when the id is new.
    /// <paramref name="applied"/> is false when a newer slot was kept.
    /// </summary>
    public NeedleSlot? SetIfNewer(NeedleId id, NeedleSlot slot, out bool applied)
    {
        lock (_lock)
        {
            applied = true;
            // Fast path for the common case, an id above every packed one: it cannot be anywhere yet
            // (out-of-order ids in the overflow are below the last packed id; wide alternate keys never pack).
            if (id.AlternateKey <= NeedleMapSection.MaxAlternateKey && (_sections.Count == 0 || id.CompareTo(_sections[^1].Last) > 0))
            {
                if (!TryAppend(id, slot))
                {
                    _overflow[id] = slot;
                }
                return null;
            }
            var (section, index) = Find(id);
            NeedleSlot? previous = section is not null ? section.SlotAt(index)
                : _overflow.TryGetValue(id, out var overflowed) ? overflowed
                : null;
            if (previous is { IsDeleted: false } current && current.OffsetUnits > slot.OffsetUnits)
            {
                applied = false;
                return previous;
            }
            if (section is not null)
            {
                // Lengths always fit: NeedleLayout.MaxTotalLength is within the packed 24-bit length.
                section.SetSlot(index, slot);
            }
            else if (previous is not null || !TryAppend(id, slot))
            {
                _overflow[id] = slot;
            }
            return previous;
        }
    }

    /// <summary>Marks a needle deleted if it is live at exactly this slot; false otherwise.</summary>
    public bool TryMarkDeleted(NeedleId id, NeedleSlot expected)
    {
        lock (_lock)
        {
            var (section, index) = Find(id);
            if (section is not null)
            {
                if (section.SlotAt(index) != expected || expected.IsDeleted)
                {
                    return false;
                }
                section.SetSlot(index, NeedleSlot.Deleted);
                return true;
            }
            if (_overflow.TryGetValue(id, out var current) && current == expected && !expected.IsDeleted)
            {
                _overflow[id] = NeedleSlot.Deleted;
                return true;
            }
            return false;
        }
    }

    private bool TryAppend(NeedleId id, NeedleSlot slot)
    {
        if (!NeedleMapSection.Fits(id, slot))
        {
            return false;
        }
        if (_sections.Count == 0)
        {
            _sections.Add(new NeedleMapSection(id, slot));
            return true;
        }
        var last = _sections[^1];
        if (id.CompareTo(last.Last) <= 0)
        {
            return false;
        }
        if (!last.TryAppend(id, slot))
        {
            _sections.Add(new NeedleMapSection(id, slot));
        }
        return true;
    }

    private (NeedleMapSection? Section, int Index) Find(NeedleId id)
    {
        int low = 0, high = _sections.Count - 1, candidate = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_sections[middle].First.CompareTo(id) <= 0)
            {
                candidate = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (candidate < 0)
        {
            return (null, -1);
        }
        var section = _sections[candidate];
        var index = section.IndexOf(id);
        return index < 0 ? (null, -1) : (section, index);
    }
}
