namespace Haystack.Storage.Memory;

/// <summary>
/// Where one block of a <see cref="PackedIndex"/> starts and how wide its fields are. Each field is
/// stored relative to the block's smallest value, so a block of near keys, near offsets or equal
/// lengths costs few bits per entry.
/// </summary>
/// <param name="Word">First 64-bit word of the block's entries.</param>
/// <param name="OffsetBase">Smallest offset in the block; an entry stores offset - base + 1, 0 meaning deleted.</param>
/// <param name="LengthBase">Smallest length in the block; an entry stores length - base.</param>
internal readonly record struct PackedBlock(
    uint Word, uint OffsetBase, uint LengthBase, byte KeyBits, byte AlternateKeyBits, byte OffsetBits, byte LengthBits)
{
    public int EntryBits => KeyBits + AlternateKeyBits + OffsetBits + LengthBits;
}
