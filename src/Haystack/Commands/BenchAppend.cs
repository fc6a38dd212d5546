using System.Diagnostics;
using Haystack.Storage;

namespace Haystack.Commands;

/// <summary>Durable append throughput: writers each loop WriteAsync (acknowledged after group-committed fdatasync).</summary>
public static class BenchAppend
{
    public sealed record Result(int NeedleKiB, int Writers, long Needles, long Bytes, TimeSpan Elapsed, long Flushes)
    {
        public double NeedlesPerSecond => Needles / Elapsed.TotalSeconds;

        public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / (1024 * 1024);

        public double NeedlesPerFlush => Flushes == 0 ? 0 : (double)Needles / Flushes;
    }

    /// <summary>Writes into <paramref name="volume"/> for <paramref name="duration"/>; keys continue from <paramref name="firstKey"/>.</summary>
    public static async Task<Result> RunAsync(Volume volume, int needleKiB, int writers, TimeSpan duration, ulong firstKey)
    {
        var data = new byte[needleKiB * 1024];
        Random.Shared.NextBytes(data);
        var flushesBefore = volume.Stats.DataFlushes;
        long needles = 0;
        long nextKey = (long)firstKey;
        using var stop = new CancellationTokenSource(duration);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var key = (ulong)Interlocked.Increment(ref nextKey);
                await volume.WriteAsync(new NeedleId(key, 0), (uint)key, data, "image/jpeg");
                Interlocked.Increment(ref needles);
            }
        })));
        var elapsed = watch.Elapsed;
        return new Result(needleKiB, writers, needles, needles * data.Length, elapsed, volume.Stats.DataFlushes - flushesBefore);
    }
}
