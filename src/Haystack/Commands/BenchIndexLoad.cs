using System.Diagnostics;
using Haystack.Storage;
using Haystack.Storage.Benchmarking;

namespace Haystack.Commands;

/// <summary>Index load time and needle-map memory of a volume holding many small needles.</summary>
public static class BenchIndexLoad
{
    /// <param name="LoadCpu">Processor time the open used (all threads): unlike wall time, barely affected by other load on the machine.</param>
    public sealed record Result(long Needles, SyntheticKeys Keys, double BytesPerNeedle, TimeSpan Load, TimeSpan LoadCpu, TimeSpan? Rebuild);

    /// <summary>
    /// Builds a synthetic volume, then opens it: the time to open is the index load (the page cache
    /// holds the index, as on a Store that just wrote it); the managed heap growth divided by the
    /// needle count is the memory per needle. With <paramref name="measureRebuild"/> the index is then
    /// deleted and the open repeated, timing a full rebuild from the data file.
    /// </summary>
    public static Result Run(string directory, long needles, SyntheticKeys keys, bool measureRebuild)
    {
        WarmUp(directory);
        var id = new VolumeId(keys == SyntheticKeys.Ascending ? 9001u : 9002u);
        SyntheticVolume.Build(directory, id, needles, dataBytes: 1, keys);
        try
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var volume = Volume.Open(directory, id);
            var load = watch.Elapsed;
            var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            if (volume.Stats.NeedleCount != needles)
            {
                throw new InvalidOperationException($"the benchmark volume opened with {volume.Stats.NeedleCount} needles, expected {needles}");
            }
            volume.Dispose();

            TimeSpan? rebuild = null;
            if (measureRebuild)
            {
                File.Delete(new VolumePaths(directory, id).Index);
                watch.Restart();
                using (Volume.Open(directory, id))
                {
                    rebuild = watch.Elapsed;
                }
            }
            return new Result(needles, keys, (double)(after - before) / needles, load, loadCpu, rebuild);
        }
        finally
        {
            Delete(directory, id);
        }
    }

    /// <summary>
    /// Opens a tiny volume first so that JIT compilation, static tables and pooled scan buffers are
    /// not charged to the measured volume: what remains is the per-needle cost.
    /// </summary>
    private static void WarmUp(string directory)
    {
        var id = new VolumeId(9000);
        SyntheticVolume.Build(directory, id, 1000, dataBytes: 1, SyntheticKeys.Ascending);
        using (Volume.Open(directory, id))
        {
        }
        Delete(directory, id);
    }

    private static void Delete(string directory, VolumeId id)
    {
        var paths = new VolumePaths(directory, id);
        File.Delete(paths.Data);
        File.Delete(paths.Index);
    }
}
