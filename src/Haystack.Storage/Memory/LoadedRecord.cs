using System.Runtime.InteropServices;

namespace Haystack.Storage.Memory;

/// <summary>One index record as <see cref="NeedleMapLoader"/> sorts it: 20 bytes, the tombstone flag in the length's top bit.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly struct LoadedRecord(NeedleId id, NeedleSlot slot, bool isTombstone)
{
    private const uint TombstoneBit = 1u << 31;

    private readonly uint _lengthAndFlag = slot.LengthUnits | (isTombstone ? TombstoneBit : 0);

    public ulong Key { get; } = id.Key;

    public uint AlternateKey { get; } = id.AlternateKey;

    public uint OffsetUnits { get; } = slot.OffsetUnits;

    public NeedleId Id => new(Key, AlternateKey);

    public NeedleSlot Slot => new(OffsetUnits, _lengthAndFlag & ~TombstoneBit);

    public bool IsTombstone => (_lengthAndFlag & TombstoneBit) != 0;
}
