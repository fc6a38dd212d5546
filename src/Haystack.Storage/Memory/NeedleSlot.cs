using Haystack.Storage.Format;

namespace Haystack.Storage.Memory;

/// <summary>Where a needle is, in 8-byte units. Offset 0 (the superblock) means deleted.</summary>
internal readonly record struct NeedleSlot(uint OffsetUnits, uint LengthUnits)
{
    public static NeedleSlot Deleted => default;

    public bool IsDeleted => OffsetUnits == 0;

    public long Offset => (long)OffsetUnits * NeedleLayout.Alignment;

    public int Length => (int)(LengthUnits * NeedleLayout.Alignment);

    public static NeedleSlot FromBytes(long offset, int length) =>
        new((uint)(offset / NeedleLayout.Alignment), (uint)(length / NeedleLayout.Alignment));
}
