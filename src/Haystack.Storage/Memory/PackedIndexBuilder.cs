namespace Haystack.Storage.Memory;

/// <summary>
/// Builds a <see cref="PackedIndex"/> from entries added in strictly ascending id order: each block of
/// <see cref="PackedIndex.BlockSize"/> is measured (key span, largest alternate key, offset and length
/// ranges) and written with just the widths it needs.
/// </summary>
internal sealed class PackedIndexBuilder
{
    private readonly NeedleId[] _pendingIds = new NeedleId[PackedIndex.BlockSize];
    private readonly NeedleSlot[] _pendingSlots = new NeedleSlot[PackedIndex.BlockSize];
    private ulong[] _words;
    private ulong[] _firstKeys;
    private PackedBlock[] _blocks;
    private int _pending;
    private int _blockCount;
    private long _wordCount;
    private int _count;
    private NeedleId? _last;

    /// <param name="expectedEntries">A size hint; the builder grows past it if needed.</param>
    public PackedIndexBuilder(int expectedEntries)
    {
        var blocks = Math.Max(1, (expectedEntries + PackedIndex.BlockSize - 1) / PackedIndex.BlockSize);
        _firstKeys = new ulong[blocks];
        _blocks = new PackedBlock[blocks];
        // About 80 bits per entry for random keys; fewer for ascending ones.
        _words = new ulong[Math.Max(16, (long)expectedEntries * 5 / 4 + 16)];
    }

    public void Add(NeedleId id, NeedleSlot slot)
    {
        if (_last is { } last && id.CompareTo(last) <= 0)
        {
            throw new InvalidOperationException($"Packed index entries must ascend: {id} after {last}.");
        }
        _last = id;
        _pendingIds[_pending] = id;
        _pendingSlots[_pending] = slot;
        if (++_pending == PackedIndex.BlockSize)
        {
            WriteBlock();
        }
    }

    public PackedIndex Build()
    {
        if (_pending > 0)
        {
            WriteBlock();
        }
        // One spare word, so reading a field that ends exactly at the last word never looks past it.
        Array.Resize(ref _words, (int)_wordCount + 1);
        Array.Resize(ref _firstKeys, _blockCount);
        Array.Resize(ref _blocks, _blockCount);
        return new PackedIndex(_words, _firstKeys, _blocks, _count);
    }

    private void WriteBlock()
    {
        var ids = _pendingIds.AsSpan(0, _pending);
        var slots = _pendingSlots.AsSpan(0, _pending);
        uint maxAlternate = 0, minOffset = uint.MaxValue, maxOffset = 0, minLength = uint.MaxValue, maxLength = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            maxAlternate = Math.Max(maxAlternate, ids[i].AlternateKey);
            if (!slots[i].IsDeleted)
            {
                minOffset = Math.Min(minOffset, slots[i].OffsetUnits);
                maxOffset = Math.Max(maxOffset, slots[i].OffsetUnits);
                minLength = Math.Min(minLength, slots[i].LengthUnits);
                maxLength = Math.Max(maxLength, slots[i].LengthUnits);
            }
        }
        if (minOffset > maxOffset)
        {
            (minOffset, maxOffset, minLength, maxLength) = (0, 0, 0, 0);
        }
        var header = new PackedBlock(
            (uint)_wordCount, minOffset, minLength,
            (byte)BitPacking.WidthOf(ids[^1].Key - ids[0].Key),
            (byte)BitPacking.WidthOf(maxAlternate),
            (byte)BitPacking.WidthOf((ulong)(maxOffset - minOffset) + 1),
            (byte)BitPacking.WidthOf(maxLength - minLength));
        var words = ((long)ids.Length * header.EntryBits + 63) / 64;
        if (_blockCount == _blocks.Length)
        {
            Array.Resize(ref _blocks, _blocks.Length * 2);
            Array.Resize(ref _firstKeys, _firstKeys.Length * 2);
        }
        if (_wordCount + words + 1 > _words.Length)
        {
            Array.Resize(ref _words, (int)Math.Min(Array.MaxLength, Math.Max(_words.Length * 3L / 2, _wordCount + words + 1)));
        }
        _blocks[_blockCount] = header;
        _firstKeys[_blockCount] = ids[0].Key;
        var position = _wordCount * 64;
        for (var i = 0; i < ids.Length; i++)
        {
            var slot = slots[i];
            var offsetAt = position + header.KeyBits + header.AlternateKeyBits;
            BitPacking.Write(_words, position, header.KeyBits, ids[i].Key - ids[0].Key);
            BitPacking.Write(_words, position + header.KeyBits, header.AlternateKeyBits, ids[i].AlternateKey);
            if (!slot.IsDeleted)
            {
                BitPacking.Write(_words, offsetAt, header.OffsetBits, (ulong)(slot.OffsetUnits - minOffset) + 1);
                BitPacking.Write(_words, offsetAt + header.OffsetBits, header.LengthBits, slot.LengthUnits - minLength);
            }
            position += header.EntryBits;
        }
        _blockCount++;
        _wordCount += words;
        _count += ids.Length;
        _pending = 0;
    }
}
