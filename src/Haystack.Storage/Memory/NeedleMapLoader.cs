using Haystack.Storage.Format;

namespace Haystack.Storage.Memory;

/// <summary>
/// Loads a volume's index file into its map in one go instead of record by record: the records are
/// collected, sorted by id (stable, so each id's records stay in index order), replayed per id with the
/// rules of <see cref="NeedleMap"/>, and the live result is packed into one <see cref="PackedIndex"/>.
/// A random key order then costs a sort, not millions of dictionary entries. Needs about 40 bytes per
/// record while it runs (records and sort scratch); they are released when it is done.
/// </summary>
internal sealed class NeedleMapLoader(long expectedRecords)
{
    private LoadedRecord[] _records = new LoadedRecord[Math.Clamp(expectedRecords, 16, Array.MaxLength)];
    private int _count;
    private bool _ordered = true;
    private ulong _varyingKeyBits;
    private uint _varyingAlternateKeyBits;

    public void Add(IndexRecord record)
    {
        if (_count == _records.Length)
        {
            Array.Resize(ref _records, (int)Math.Min(Array.MaxLength, _records.Length * 2L));
        }
        if (_count > 0)
        {
            var first = _records[0];
            _varyingKeyBits |= first.Key ^ record.Id.Key;
            _varyingAlternateKeyBits |= first.AlternateKey ^ record.Id.AlternateKey;
            _ordered &= _records[_count - 1].Id.CompareTo(record.Id) <= 0;
        }
        _records[_count++] = new LoadedRecord(record.Id, new NeedleSlot(record.OffsetUnits, record.LengthUnits), record.IsTombstone);
    }

    /// <summary>Replays every record into <paramref name="generation"/>'s counters and installs the packed map.</summary>
    public void LoadInto(VolumeGeneration generation)
    {
        var sorted = _ordered ? _records : RecordSort.Sort(_records, _count, _varyingKeyBits, _varyingAlternateKeyBits);
        _records = [];
        var builder = new PackedIndexBuilder(_count);
        var at = 0;
        while (at < _count)
        {
            var id = sorted[at].Id;
            NeedleSlot? current = null;
            for (; at < _count && sorted[at].Id == id; at++)
            {
                var slot = sorted[at].Slot;
                if (!sorted[at].IsTombstone)
                {
                    var applied = NeedleSlot.Replaces(current, slot);
                    generation.CountPut(current, slot, applied);
                    current = applied ? slot : current;
                }
                else if (!slot.IsDeleted && current == slot)
                {
                    current = NeedleSlot.Deleted;
                    generation.CountDelete(slot);
                }
            }
            if (current is { IsDeleted: false } live)
            {
                builder.Add(id, live);
            }
        }
        generation.Map.Restore(builder.Build());
    }
}
