using System.Diagnostics;
using Haystack.Storage;

namespace Haystack.Commands;

/// <summary>Random read throughput over the needles of a volume, each read verified (header, cookie, CRC).</summary>
public static class BenchRandomRead
{
    public sealed record Result(int NeedleKiB, int Readers, long Needles, long Bytes, TimeSpan Elapsed, bool ColdCache)
    {
        public double NeedlesPerSecond => Needles / Elapsed.TotalSeconds;

        public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / (1024 * 1024);
    }

    /// <summary>Reads random keys in [firstKey, lastKey] (written with cookie = key) for <paramref name="duration"/>.</summary>
    public static async Task<Result> RunAsync(
        Volume volume, ulong firstKey, ulong lastKey, int needleKiB, int readers, TimeSpan duration, bool coldCache)
    {
        long needles = 0;
        long bytes = 0;
        using var stop = new CancellationTokenSource(duration);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
        {
            var random = new Random(reader);
            while (!stop.IsCancellationRequested)
            {
                var key = firstKey + (ulong)random.NextInt64((long)(lastKey - firstKey + 1));
                var needle = await volume.ReadAsync(new NeedleId(key, 0), (uint)key)
                    ?? throw new InvalidOperationException($"benchmark needle {key} is missing from volume {volume.Id}");
                Interlocked.Increment(ref needles);
                Interlocked.Add(ref bytes, needle.Data.Length);
            }
        })));
        return new Result(needleKiB, readers, needles, bytes, watch.Elapsed, coldCache);
    }
}
