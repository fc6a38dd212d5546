using System.Collections.Concurrent;
using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Haystack.Storage.Memory;

namespace Haystack.Storage;

/// <summary>
/// One data file with its index writer, in-memory map and counters. Compaction builds a new generation
/// and swaps it in; everything else works on the current one. The Apply methods change the counters
/// without atomics: callers hold the volume's append gate, or own the generation alone (recovery, a
/// compaction's target). Counter reads for statistics may be a moment stale, never torn.
/// </summary>
internal sealed class VolumeGeneration(DataFile data, NeedleMap map) : IAsyncDisposable
{
    private long _liveCount;
    private long _liveBytes;
    private long _garbageCount;
    private long _garbageBytes;
    private readonly ConcurrentDictionary<NeedleId, NeedleSlot> _pendingDeletes = new();

    public DataFile Data { get; } = data;

    /// <summary>Set once recovery or compaction has brought the index file up to date.</summary>
    public BackgroundIndexWriter Index { get; private set; } = null!;

    public NeedleMap Map { get; } = map;

    public long LiveCount => Volatile.Read(ref _liveCount);

    public long LiveBytes => Volatile.Read(ref _liveBytes);

    public long GarbageCount => Volatile.Read(ref _garbageCount);

    public long GarbageBytes => Volatile.Read(ref _garbageBytes);

    public void StartIndex(BackgroundIndexWriter index) => Index = index;

    /// <summary>Records a needle at <paramref name="slot"/>; the needle at the highest offset wins.</summary>
    public void ApplyPut(NeedleId id, NeedleSlot slot)
    {
        var previous = Map.SetIfNewer(id, slot, out var applied);
        CountPut(previous, slot, applied);
    }

    /// <summary>Marks the needle deleted if it is live at exactly <paramref name="slot"/>.</summary>
    public bool ApplyDelete(NeedleId id, NeedleSlot slot)
    {
        if (!Map.TryMarkDeleted(id, slot))
        {
            return false;
        }
        CountDelete(slot);
        return true;
    }

    /// <summary>
    /// A delete whose flag is in the data file but not yet covered by an fdatasync: readers ignore the flag and serve the
    /// needle until <see cref="EndDelete"/>, so nothing a crash can bring back is reported gone. Lock-free for readers.
    /// </summary>
    public bool IsDeletePending(NeedleId id, NeedleSlot slot) => _pendingDeletes.TryGetValue(id, out var pending) && pending == slot;

    /// <summary>Called with the append gate held, right after the deleted flag is written at <paramref name="slot"/>.</summary>
    public void BeginDelete(NeedleId id, NeedleSlot slot) => _pendingDeletes[id] = slot;

    /// <summary>Called with the append gate held, after the flush and <see cref="ApplyDelete"/>.</summary>
    public void EndDelete(NeedleId id, NeedleSlot slot) => _pendingDeletes.TryRemove(KeyValuePair.Create(id, slot));

    /// <summary>Counts a put the map took (<paramref name="applied"/>) or kept out, given the slot it held before.</summary>
    public void CountPut(NeedleSlot? previous, NeedleSlot slot, bool applied)
    {
        if (!applied)
        {
            CountGarbage(slot.Length);
        }
        else if (previous is { IsDeleted: false } replaced)
        {
            CountGarbage(replaced.Length);
            Volatile.Write(ref _liveBytes, _liveBytes + slot.Length - replaced.Length);
        }
        else
        {
            Volatile.Write(ref _liveCount, _liveCount + 1);
            Volatile.Write(ref _liveBytes, _liveBytes + slot.Length);
        }
    }

    /// <summary>Counts the delete of the live needle at <paramref name="slot"/>.</summary>
    public void CountDelete(NeedleSlot slot)
    {
        Volatile.Write(ref _liveCount, _liveCount - 1);
        Volatile.Write(ref _liveBytes, _liveBytes - slot.Length);
        CountGarbage(slot.Length);
    }

    public static IndexRecord PutRecord(NeedleId id, NeedleSlot slot) => new(id, slot.OffsetUnits, slot.LengthUnits, false);

    public static IndexRecord TombstoneRecord(NeedleId id, NeedleSlot slot) => new(id, slot.OffsetUnits, slot.LengthUnits, true);

    /// <summary>Drains the index, flushes the data one last time and closes both files.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Index is not null)
            {
                await Index.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Data.Retire();
        }
    }

    private void CountGarbage(int length)
    {
        Volatile.Write(ref _garbageCount, _garbageCount + 1);
        Volatile.Write(ref _garbageBytes, _garbageBytes + length);
    }
}
