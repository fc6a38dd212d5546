using System.Buffers.Binary;

namespace Haystack.Storage.Memory;

/// <summary>
/// A run of up to <see cref="Capacity"/> map entries in ascending (key, alternate key) order, packed in
/// 11 bytes each: key minus the section's base key (24 bits), alternate key (8 bits), offset in 8-byte
/// units (32 bits), length in 8-byte units (24 bits). Entries that do not fit these widths live in the
/// map's overflow dictionary instead.
/// </summary>
internal sealed class NeedleMapSection
{
    public const int Capacity = 4096;
    public const int EntrySize = 11;
    public const ulong MaxKeyDelta = (1UL << 24) - 1;
    public const uint MaxAlternateKey = byte.MaxValue;
    public const uint MaxLengthUnits = (1u << 24) - 1;

    private readonly byte[] _entries = new byte[Capacity * EntrySize];

    public NeedleMapSection(NeedleId first, NeedleSlot slot)
    {
        BaseKey = first.Key;
        Write(0, first, slot);
        Count = 1;
        Last = first;
    }

    public ulong BaseKey { get; }

    public int Count { get; private set; }

    public NeedleId First => IdAt(0);

    public NeedleId Last { get; private set; }

    /// <summary>True when the entry could be packed and needs a section (not the overflow).</summary>
    public static bool Fits(NeedleId id, NeedleSlot slot) =>
        id.AlternateKey <= MaxAlternateKey && slot.LengthUnits <= MaxLengthUnits;

    /// <summary>Appends an id greater than <see cref="Last"/>; false when full or the key is too far from the base.</summary>
    public bool TryAppend(NeedleId id, NeedleSlot slot)
    {
        if (Count == Capacity || id.Key - BaseKey > MaxKeyDelta || !Fits(id, slot))
        {
            return false;
        }
        Write(Count, id, slot);
        Count++;
        Last = id;
        return true;
    }

    /// <summary>Binary search; the index of the entry, or -1.</summary>
    public int IndexOf(NeedleId id)
    {
        if (id.Key < BaseKey || id.Key - BaseKey > MaxKeyDelta || id.AlternateKey > MaxAlternateKey)
        {
            return -1;
        }
        var wanted = Packed(id);
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var probe = BinaryPrimitives.ReadUInt32LittleEndian(_entries.AsSpan(middle * EntrySize));
            var order = Order(probe).CompareTo(Order(wanted));
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }

    public NeedleSlot SlotAt(int index)
    {
        var entry = _entries.AsSpan(index * EntrySize, EntrySize);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
        var length = entry[8] | (uint)entry[9] << 8 | (uint)entry[10] << 16;
        return new NeedleSlot(offset, length);
    }

    public void SetSlot(int index, NeedleSlot slot)
    {
        var entry = _entries.AsSpan(index * EntrySize, EntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], slot.OffsetUnits);
        entry[8] = (byte)slot.LengthUnits;
        entry[9] = (byte)(slot.LengthUnits >> 8);
        entry[10] = (byte)(slot.LengthUnits >> 16);
    }

    public NeedleId IdAt(int index)
    {
        var packed = BinaryPrimitives.ReadUInt32LittleEndian(_entries.AsSpan(index * EntrySize));
        return new NeedleId(BaseKey + (packed & 0xFFFFFF), packed >> 24);
    }

    private void Write(int index, NeedleId id, NeedleSlot slot)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_entries.AsSpan(index * EntrySize), Packed(id));
        SetSlot(index, slot);
    }

    private uint Packed(NeedleId id) => (uint)(id.Key - BaseKey) | id.AlternateKey << 24;

    /// <summary>Sort order of a packed id: by key delta, then alternate key.</summary>
    private static uint Order(uint packed) => (packed & 0xFFFFFF) << 8 | packed >> 24;
}
