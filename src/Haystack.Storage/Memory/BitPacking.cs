namespace Haystack.Storage.Memory;

/// <summary>Fields of 0-64 bits at any bit position of a word array (little-endian bit order).</summary>
internal static class BitPacking
{
    /// <summary>Bits needed to hold <paramref name="value"/>: 0 for 0, 64 for values with the top bit set.</summary>
    public static int WidthOf(ulong value) => 64 - System.Numerics.BitOperations.LeadingZeroCount(value);

    public static ulong Read(ulong[] words, long position, int width)
    {
        if (width == 0)
        {
            return 0;
        }
        var word = (int)(position >> 6);
        var shift = (int)(position & 63);
        var value = words[word] >> shift;
        if (shift + width > 64)
        {
            value |= words[word + 1] << (64 - shift);
        }
        return value & Mask(width);
    }

    public static void Write(ulong[] words, long position, int width, ulong value)
    {
        if (width == 0)
        {
            return;
        }
        var word = (int)(position >> 6);
        var shift = (int)(position & 63);
        var mask = Mask(width);
        value &= mask;
        words[word] = words[word] & ~(mask << shift) | value << shift;
        if (shift + width > 64)
        {
            var spill = 64 - shift;
            words[word + 1] = words[word + 1] & ~(mask >> spill) | value >> spill;
        }
    }

    private static ulong Mask(int width) => width == 64 ? ulong.MaxValue : (1UL << width) - 1;
}
