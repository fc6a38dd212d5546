namespace Haystack.Commands;

/// <summary>The sizes and durations one run of <c>haystack bench</c> uses: the full set or a quick smoke run.</summary>
public sealed record BenchPlan(
    long IndexNeedles,
    long RandomKeyNeedles,
    int[] NeedleKiB,
    int[] Writers,
    TimeSpan AppendDuration,
    int ReadNeedleKiB,
    int Readers,
    TimeSpan ReadDuration)
{
    /// <summary>The figures docs/benchmarks.md reports: 10 million needles (ascending and random keys), 8/64/128 KiB x 1/16/64 writers.</summary>
    public static BenchPlan Full { get; } = new(
        IndexNeedles: 10_000_000,
        RandomKeyNeedles: 10_000_000,
        NeedleKiB: [8, 64, 128],
        Writers: [1, 16, 64],
        AppendDuration: TimeSpan.FromSeconds(5),
        ReadNeedleKiB: 64,
        Readers: 16,
        ReadDuration: TimeSpan.FromSeconds(5));

    /// <summary>A few seconds end to end: the same measurements, small.</summary>
    public static BenchPlan Quick { get; } = new(
        IndexNeedles: 200_000,
        RandomKeyNeedles: 50_000,
        NeedleKiB: [8, 128],
        Writers: [1, 16],
        AppendDuration: TimeSpan.FromMilliseconds(400),
        ReadNeedleKiB: 64,
        Readers: 16,
        ReadDuration: TimeSpan.FromMilliseconds(400));
}
