using Haystack.Storage.Format;

namespace Haystack.Storage.Memory;

/// <summary>Where a needle is, in 8-byte units. Offset 0 (the superblock) means deleted.</summary>
internal readonly record struct NeedleSlot(uint OffsetUnits, uint LengthUnits)
{
    public static NeedleSlot Deleted => default;

    public bool IsDeleted => OffsetUnits == 0;

    public long Offset => (long)OffsetUnits * NeedleLayout.Alignment;

    public int Length => (int)(LengthUnits * NeedleLayout.Alignment);

    /// <summary>The rule every map update follows: a needle at a higher offset wins over a live one at a lower offset.</summary>
    public static bool Replaces(NeedleSlot? current, NeedleSlot candidate) =>
        current is not { IsDeleted: false } live || live.OffsetUnits <= candidate.OffsetUnits;

    public static NeedleSlot FromBytes(long offset, int length) =>
        new((uint)(offset / NeedleLayout.Alignment), (uint)(length / NeedleLayout.Alignment));
}
