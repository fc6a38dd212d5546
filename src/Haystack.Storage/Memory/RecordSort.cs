namespace Haystack.Storage.Memory;

/// <summary>
/// A stable least-significant-digit radix sort of index records by (key, alternate key), 16 bits per
/// pass, on up to four threads (each pass counts and scatters contiguous slices in parallel; slice
/// order keeps it stable). Stability keeps the records of one id in index order, which recovery
/// replays. Digits that are the same in every record are skipped (the caller says which bits vary), so
/// 10 million random keys with alternate key 0 take four passes.
/// </summary>
internal static class RecordSort
{
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;
    private const int RecordsPerSlice = 1 << 20;

    /// <summary>
    /// Sorts <paramref name="records"/>[0..count); returns the array that holds the result (it or a
    /// scratch one). <paramref name="varyingKeyBits"/> and <paramref name="varyingAlternateKeyBits"/>
    /// have a bit set wherever two records differ.
    /// </summary>
    public static LoadedRecord[] Sort(LoadedRecord[] records, int count, ulong varyingKeyBits, uint varyingAlternateKeyBits)
    {
        var digits = new List<int>();
        for (var digit = 0; digit < 2; digit++)
        {
            if ((varyingAlternateKeyBits >> (digit * DigitBits) & 0xFFFF) != 0)
            {
                digits.Add(digit);
            }
        }
        for (var digit = 2; digit < 6; digit++)
        {
            if ((varyingKeyBits >> ((digit - 2) * DigitBits) & 0xFFFF) != 0)
            {
                digits.Add(digit);
            }
        }
        if (digits.Count == 0)
        {
            return records;
        }
        var slices = Math.Clamp(count / RecordsPerSlice, 1, Math.Min(4, Environment.ProcessorCount));
        var positions = new int[slices][];
        for (var slice = 0; slice < slices; slice++)
        {
            positions[slice] = new int[Buckets];
        }
        var source = records;
        var target = new LoadedRecord[count];
        foreach (var digit in digits)
        {
            Parallel.For(0, slices, slice =>
            {
                var histogram = positions[slice];
                Array.Clear(histogram);
                var (from, to) = Slice(count, slices, slice);
                for (var i = from; i < to; i++)
                {
                    histogram[Digit(source[i], digit)]++;
                }
            });
            var start = 0;
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                for (var slice = 0; slice < slices; slice++)
                {
                    (positions[slice][bucket], start) = (start, start + positions[slice][bucket]);
                }
            }
            var from = source;
            var to = target;
            Parallel.For(0, slices, slice =>
            {
                var next = positions[slice];
                var (first, end) = Slice(count, slices, slice);
                for (var i = first; i < end; i++)
                {
                    to[next[Digit(from[i], digit)]++] = from[i];
                }
            });
            (source, target) = (target, source);
        }
        return source;
    }

    private static (int From, int To) Slice(int count, int slices, int slice) =>
        ((int)((long)count * slice / slices), (int)((long)count * (slice + 1) / slices));

    private static int Digit(in LoadedRecord record, int digit) => digit switch
    {
        0 => (int)(record.AlternateKey & 0xFFFF),
        1 => (int)(record.AlternateKey >> 16),
        _ => (int)(record.Key >> ((digit - 2) * DigitBits)) & 0xFFFF,
    };
}
