using System.Diagnostics;
using Haystack.Storage.Memory;

namespace Haystack.Storage.Benchmarking;

/// <summary>
/// Drives a volume's needle map the way appends do, without the disk: ids in the given order, one slot
/// each at increasing offsets, the map folding in the background as it would on a Store. Measures the
/// managed heap the map holds afterwards (once the last fold is done) and the time the updates took.
/// </summary>
public static class MapWriteBenchmark
{
    public sealed record Result(long Needles, double BytesPerNeedle, TimeSpan Elapsed, TimeSpan Cpu);

    public static Result Run(long needles, SyntheticKeys keys, int seed = 1)
    {
        var random = new Random(seed);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var map = new NeedleMap();
        // 6 units = a 48-byte needle (1 byte of data), as in SyntheticVolume.
        for (long n = 0; n < needles; n++)
        {
            var key = keys == SyntheticKeys.Ascending ? (ulong)n + 1 : (ulong)random.NextInt64() ^ (ulong)random.Next() << 63;
            map.SetIfNewer(new NeedleId(key, 0), new NeedleSlot((uint)(8 + n * 6), 6), out _);
        }
        map.FoldAsync().GetAwaiter().GetResult();
        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(map);
        return new Result(needles, (double)(after - before) / needles, elapsed, cpu);
    }
}
