namespace Haystack.Storage.Memory;

/// <summary>
/// The in-memory index of one volume: (key, alternate key) -> (offset, length), for any key order.
/// Most entries live in a <see cref="PackedIndex"/> (about 10 bytes each for random 64-bit keys, a few
/// for ascending ones). Ids it does not hold, and new slots that do not fit its block widths, go to a
/// dictionary of recent changes (about 50 bytes each), which is folded into a new packed index in the
/// background once it holds a 64th of the packed entries (at least <see cref="DefaultFoldThreshold"/>).
/// While a fold runs, its input is frozen and every change goes to a fresh dictionary; lookups search
/// the newest layer first. Deleted needles keep an entry with offset 0 until a fold drops it.
/// All members are safe to call concurrently.
/// </summary>
internal sealed class NeedleMap(int foldThreshold = NeedleMap.DefaultFoldThreshold)
{
    public const int DefaultFoldThreshold = 16_384;

    private readonly Lock _lock = new();
    private PackedIndex _packed = PackedIndex.Empty;
    private Dictionary<NeedleId, NeedleSlot> _recent = [];
    private Dictionary<NeedleId, NeedleSlot>? _folding;
    private Task _fold = Task.CompletedTask;

    /// <summary>Entries in the packed index (deleted ones included until a fold drops them).</summary>
    public int PackedCount
    {
        get
        {
            lock (_lock)
            {
                return _packed.Count;
            }
        }
    }

    /// <summary>Entries waiting in dictionaries for a fold.</summary>
    public int UnfoldedCount
    {
        get
        {
            lock (_lock)
            {
                return _recent.Count + (_folding?.Count ?? 0);
            }
        }
    }

    /// <summary>Installs the packed index recovery built from the index file; only on an empty map.</summary>
    public void Restore(PackedIndex packed)
    {
        lock (_lock)
        {
            if (_packed.Count > 0 || _recent.Count > 0 || _folding is not null)
            {
                throw new InvalidOperationException("A needle map can only be restored while it is empty.");
            }
            _packed = packed;
        }
    }

    /// <summary>The slot of a needle; false when the map holds none. A deleted needle may return true with offset 0.</summary>
    public bool TryGet(NeedleId id, out NeedleSlot slot)
    {
        lock (_lock)
        {
            var found = Find(id, out _);
            slot = found ?? default;
            return found is not null;
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
            var previous = Find(id, out var packedIndex);
            applied = NeedleSlot.Replaces(previous, slot);
            if (applied)
            {
                Store(id, slot, packedIndex);
            }
            return previous;
        }
    }

    /// <summary>Marks a needle deleted if it is live at exactly this slot; false otherwise.</summary>
    public bool TryMarkDeleted(NeedleId id, NeedleSlot expected)
    {
        lock (_lock)
        {
            if (expected.IsDeleted || Find(id, out var packedIndex) != expected)
            {
                return false;
            }
            Store(id, NeedleSlot.Deleted, packedIndex);
            return true;
        }
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the live entries whose needle starts in [<paramref name="from"/>, <paramref name="to"/>),
    /// for a scrub. The packed index is walked a few thousand entries per lock, so lookups are never held up for long;
    /// an entry may therefore be stale by the time the caller sees it (check it again with <see cref="TryGet"/>).
    /// </summary>
    public void CollectLive(long from, long to, List<KeyValuePair<NeedleId, NeedleSlot>> into)
    {
        const int EntriesPerLock = 4096;
        PackedIndex packed;
        lock (_lock)
        {
            packed = _packed;
            AddLive(_recent, from, to, into);
            if (_folding is not null)
            {
                AddLive(_folding, from, to, into);
            }
        }
        for (var start = 0; start < packed.Count; start += EntriesPerLock)
        {
            lock (_lock)
            {
                var end = Math.Min(packed.Count, start + EntriesPerLock);
                for (var i = start; i < end; i++)
                {
                    var slot = packed.SlotAt(i);
                    if (!slot.IsDeleted && slot.Offset >= from && slot.Offset < to)
                    {
                        into.Add(new(packed.IdAt(i), slot));
                    }
                }
            }
        }
    }

    private static void AddLive(Dictionary<NeedleId, NeedleSlot> entries, long from, long to, List<KeyValuePair<NeedleId, NeedleSlot>> into)
    {
        foreach (var entry in entries)
        {
            if (!entry.Value.IsDeleted && entry.Value.Offset >= from && entry.Value.Offset < to)
            {
                into.Add(entry);
            }
        }
    }

    /// <summary>Folds every change made before the call into the packed index (waits for a running fold first).</summary>
    public async Task FoldAsync()
    {
        Task running;
        lock (_lock)
        {
            running = _fold;
        }
        await running.ConfigureAwait(false);
        lock (_lock)
        {
            if (_folding is null && _recent.Count > 0)
            {
                StartFold();
            }
            running = _fold;
        }
        await running.ConfigureAwait(false);
    }

    private NeedleSlot? Find(NeedleId id, out int packedIndex)
    {
        packedIndex = -1;
        if (_recent.TryGetValue(id, out var recent))
        {
            return recent;
        }
        if (_folding is not null && _folding.TryGetValue(id, out var folding))
        {
            return folding;
        }
        packedIndex = _packed.IndexOf(id);
        return packedIndex < 0 ? null : _packed.SlotAt(packedIndex);
    }

    /// <summary>
    /// In place when the id is only in the packed index, no fold is reading it and the slot fits;
    /// otherwise in the recent dictionary, which shadows the older layers.
    /// </summary>
    private void Store(NeedleId id, NeedleSlot slot, int packedIndex)
    {
        if (packedIndex >= 0 && _folding is null && _packed.TrySetSlot(packedIndex, slot))
        {
            return;
        }
        _recent[id] = slot;
        if (_folding is null && _recent.Count >= Math.Max(foldThreshold, _packed.Count / 64))
        {
            StartFold();
        }
    }

    private void StartFold()
    {
        var folding = _recent;
        var packed = _packed;
        _folding = folding;
        _recent = [];
        _fold = Task.Run(() =>
        {
            var merged = Merge(packed, folding);
            lock (_lock)
            {
                _packed = merged;
                _folding = null;
            }
        });
    }

    /// <summary>
    /// The packed entries with the changes applied (a change wins over the packed entry of its id),
    /// deleted ones dropped. Runs without the lock: while a fold runs nothing writes to either input.
    /// </summary>
    private static PackedIndex Merge(PackedIndex packed, Dictionary<NeedleId, NeedleSlot> changes)
    {
        var sorted = changes.ToArray();
        Array.Sort(sorted, static (left, right) => left.Key.CompareTo(right.Key));
        var builder = new PackedIndexBuilder(packed.Count + sorted.Length);
        int next = 0, change = 0;
        var packedId = packed.Count > 0 ? packed.IdAt(0) : default;
        while (next < packed.Count || change < sorted.Length)
        {
            var order = next == packed.Count ? 1 : change == sorted.Length ? -1 : packedId.CompareTo(sorted[change].Key);
            var (id, slot) = order < 0 ? (packedId, packed.SlotAt(next)) : (sorted[change].Key, sorted[change].Value);
            if (order <= 0 && ++next < packed.Count)
            {
                packedId = packed.IdAt(next);
            }
            change += order >= 0 ? 1 : 0;
            if (!slot.IsDeleted)
            {
                builder.Add(id, slot);
            }
        }
        return builder.Build();
    }
}
