namespace Haystack.Storage.Memory;

/// <summary>
/// Map entries in ascending id order, bit-packed in blocks of <see cref="BlockSize"/>: per entry the key
/// minus the block's first key, the alternate key, the offset and the length, each as wide as the
/// block needs (<see cref="PackedBlock"/>). 10 million uniformly random 64-bit keys cost about 47 bits
/// of key per entry, ascending keys a few; an entry is found by a binary search over the blocks' first
/// keys and one inside the block. The set of ids is fixed when it is built; a slot can change in place
/// when the new one fits the block's widths (a delete always does). Not thread-safe: the map locks.
/// </summary>
internal sealed class PackedIndex
{
    public const int BlockSize = 64;

    private readonly ulong[] _words;
    private readonly ulong[] _firstKeys;
    private readonly PackedBlock[] _blocks;

    public PackedIndex(ulong[] words, ulong[] firstKeys, PackedBlock[] blocks, int count)
    {
        _words = words;
        _firstKeys = firstKeys;
        _blocks = blocks;
        Count = count;
    }

    public static PackedIndex Empty { get; } = new([], [], [], 0);

    /// <summary>Entries held, deleted ones included until the next fold drops them.</summary>
    public int Count { get; }

    /// <summary>Managed bytes held by the packed arrays.</summary>
    public long Bytes => (_words.LongLength + _firstKeys.LongLength) * sizeof(ulong) + _blocks.LongLength * 16;

    /// <summary>The index of the entry for <paramref name="id"/>, or -1.</summary>
    public int IndexOf(NeedleId id)
    {
        int low = 0, high = _blocks.Length - 1, block = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var first = _firstKeys[middle];
            if (first < id.Key || (first == id.Key && AlternateKeyAt(middle, 0) <= id.AlternateKey))
            {
                block = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (block < 0)
        {
            return -1;
        }
        var header = _blocks[block];
        var delta = id.Key - _firstKeys[block];
        if (header.KeyBits < 64 && delta >> header.KeyBits != 0)
        {
            return -1;
        }
        int lowEntry = 0, highEntry = EntriesIn(block) - 1;
        while (lowEntry <= highEntry)
        {
            var middle = (lowEntry + highEntry) >>> 1;
            var position = EntryPosition(header, middle);
            var probeDelta = BitPacking.Read(_words, position, header.KeyBits);
            var order = probeDelta != delta
                ? probeDelta.CompareTo(delta)
                : ((uint)BitPacking.Read(_words, position + header.KeyBits, header.AlternateKeyBits)).CompareTo(id.AlternateKey);
            if (order == 0)
            {
                return block * BlockSize + middle;
            }
            if (order < 0)
            {
                lowEntry = middle + 1;
            }
            else
            {
                highEntry = middle - 1;
            }
        }
        return -1;
    }

    public NeedleId IdAt(int index)
    {
        var block = index / BlockSize;
        var header = _blocks[block];
        var position = EntryPosition(header, index % BlockSize);
        var key = _firstKeys[block] + BitPacking.Read(_words, position, header.KeyBits);
        return new NeedleId(key, (uint)BitPacking.Read(_words, position + header.KeyBits, header.AlternateKeyBits));
    }

    public NeedleSlot SlotAt(int index)
    {
        var header = _blocks[index / BlockSize];
        var position = EntryPosition(header, index % BlockSize) + header.KeyBits + header.AlternateKeyBits;
        var stored = BitPacking.Read(_words, position, header.OffsetBits);
        if (stored == 0)
        {
            return NeedleSlot.Deleted;
        }
        var length = header.LengthBase + (uint)BitPacking.Read(_words, position + header.OffsetBits, header.LengthBits);
        return new NeedleSlot((uint)(header.OffsetBase + stored - 1), length);
    }

    /// <summary>Changes a slot in place; false when it does not fit the block's widths (the map keeps it elsewhere).</summary>
    public bool TrySetSlot(int index, NeedleSlot slot)
    {
        var header = _blocks[index / BlockSize];
        var position = EntryPosition(header, index % BlockSize) + header.KeyBits + header.AlternateKeyBits;
        if (slot.IsDeleted)
        {
            BitPacking.Write(_words, position, header.OffsetBits, 0);
            return true;
        }
        if (slot.OffsetUnits < header.OffsetBase || slot.LengthUnits < header.LengthBase)
        {
            return false;
        }
        var stored = (ulong)(slot.OffsetUnits - header.OffsetBase) + 1;
        var length = (ulong)(slot.LengthUnits - header.LengthBase);
        if (BitPacking.WidthOf(stored) > header.OffsetBits || BitPacking.WidthOf(length) > header.LengthBits)
        {
            return false;
        }
        BitPacking.Write(_words, position, header.OffsetBits, stored);
        BitPacking.Write(_words, position + header.OffsetBits, header.LengthBits, length);
        return true;
    }

    private int EntriesIn(int block) => Math.Min(BlockSize, Count - block * BlockSize);

    private uint AlternateKeyAt(int block, int entry)
    {
        var header = _blocks[block];
        return (uint)BitPacking.Read(_words, EntryPosition(header, entry) + header.KeyBits, header.AlternateKeyBits);
    }

    private static long EntryPosition(PackedBlock header, int entry) => (long)header.Word * 64 + (long)entry * header.EntryBits;
}
