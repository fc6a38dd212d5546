using System.CommandLine;
using Haystack.Storage;
using Haystack.Storage.Benchmarking;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack bench</c>: measures the storage engine (memory per needle, index load time, durable
/// append throughput, random read throughput). <c>--quick</c> runs a small version in a few seconds;
/// hack/bench/engine.sh runs the full set on XFS for docs/benchmarks.md.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick")
        {
            Description = "Small sizes and short runs: a smoke test of the whole benchmark in a few seconds.",
        };
        var directory = new Option<DirectoryInfo>("--dir")
        {
            Description = "Where the benchmark volumes are written (and removed again).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("haystack-data", "bench")),
        };
        var indexNeedles = new Option<long?>("--index-needles")
        {
            Description = "Needles in the index-load and memory measurement (default: 10,000,000; 200,000 with --quick).",
        };
        var randomKeyNeedles = new Option<long?>("--random-key-needles")
        {
            Description = "Needles with uniformly random 64-bit keys in the same measurement (default: 10,000,000; 50,000 with --quick).",
        };
        var dropCaches = new Option<bool>("--drop-caches")
        {
            Description = "Also measure reads with a cold page cache (drops the kernel page cache; needs root).",
        };
        var command = new Command("bench", "Measure the storage engine: memory per needle, index load, durable appends, random reads.")
        {
            quick, directory, indexNeedles, randomKeyNeedles, dropCaches,
        };
        command.Subcommands.Add(CreateImport());
        command.SetAction((result, cancellationToken) =>
        {
            var plan = result.GetValue(quick) ? BenchPlan.Quick : BenchPlan.Full;
            plan = result.GetValue(indexNeedles) is { } needles ? plan with { IndexNeedles = needles } : plan;
            plan = result.GetValue(randomKeyNeedles) is { } random ? plan with { RandomKeyNeedles = random } : plan;
            return RunAsync(
            plan,
            result.GetRequiredValue(directory).FullName,
            result.GetValue(dropCaches),
            Console.Out);
        });
        return command;
    }

    /// <summary><c>haystack bench import</c>: loads a photo set into volumes for hack/bench/memory-bound.sh.</summary>
    private static Command CreateImport()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The Store's data directory: volumes are created here.", Required = true };
        var list = new Option<FileInfo>("--list") { Description = "photoset.py's put-store.tsv: one photo per line.", Required = true };
        var pool = new Option<FileInfo>("--pool") { Description = "photoset.py's pool.bin: the bytes the photos are cut from.", Required = true };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers (they share fdatasyncs).", DefaultValueFactory = _ => 64 };
        var command = new Command("import", "Write a benchmark photo set into new Store volumes through the engine's write path (no HTTP).")
        {
            data, list, pool, writers,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var imported = await BenchImport.RunAsync(
                result.GetRequiredValue(data).FullName, result.GetRequiredValue(list).FullName, result.GetRequiredValue(pool).FullName,
                Math.Max(1, result.GetValue(writers)), cancellationToken);
            Console.Out.WriteLine($"imported {imported.Photos:N0} photos ({imported.Bytes / (1024.0 * 1024 * 1024):F2} GiB) into " +
                $"{imported.Volumes} volumes in {imported.Elapsed.TotalSeconds:F1} s ({imported.Photos / imported.Elapsed.TotalSeconds:N0} photos/s)");
            return 0;
        });
        return command;
    }

    public static async Task<int> RunAsync(BenchPlan plan, string directory, bool dropCaches, TextWriter output)
    {
        System.IO.Directory.CreateDirectory(directory);
        output.WriteLine($"Storage engine benchmark ({(plan.AppendDuration < BenchPlan.Full.AppendDuration ? "quick" : "full")}) in {directory}");
        output.WriteLine($"  {BenchEnvironment.FileSystemOf(directory)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        output.WriteLine();

        output.WriteLine("Needle map and index load (1-byte needles, index in page cache)");
        var ascending = BenchIndexLoad.Run(directory, plan.IndexNeedles, SyntheticKeys.Ascending, measureRebuild: true);
        output.WriteLine($"  {ascending.Needles,12:N0} ascending keys  {ascending.BytesPerNeedle,6:F2} bytes/needle  " +
            $"index load {ascending.Load.TotalSeconds:F2} s (cpu {ascending.LoadCpu.TotalSeconds:F2} s)  rebuild from data {ascending.Rebuild!.Value.TotalSeconds:F2} s");
        var random = BenchIndexLoad.Run(directory, plan.RandomKeyNeedles, SyntheticKeys.Random, measureRebuild: true);
        output.WriteLine($"  {random.Needles,12:N0} random keys     {random.BytesPerNeedle,6:F2} bytes/needle  " +
            $"index load {random.Load.TotalSeconds:F2} s (cpu {random.LoadCpu.TotalSeconds:F2} s)  rebuild from data {random.Rebuild!.Value.TotalSeconds:F2} s");
        var written = MapWriteBenchmark.Run(plan.RandomKeyNeedles, SyntheticKeys.Random);
        output.WriteLine($"  {written.Needles,12:N0} random keys     {written.BytesPerNeedle,6:F2} bytes/needle  " +
            $"through the write path's map updates, folding in the background: {written.Elapsed.TotalSeconds:F2} s (cpu {written.Cpu.TotalSeconds:F2} s)");
        output.WriteLine();

        output.WriteLine("Durable appends (acknowledged after group-committed fdatasync)");
        var volumeId = 9100u;
        foreach (var kib in plan.NeedleKiB)
        {
            foreach (var writers in plan.Writers)
            {
                var id = new VolumeId(volumeId++);
                BenchAppend.Result append;
                await using (var volume = Volume.Create(directory, id))
                {
                    append = await BenchAppend.RunAsync(volume, kib, writers, plan.AppendDuration, firstKey: 0);
                }
                Remove(directory, id);
                output.WriteLine($"  {kib,4} KiB x {writers,3} writers  {append.NeedlesPerSecond,9:N0} needles/s  " +
                    $"{append.MegabytesPerSecond,8:N1} MiB/s  {append.NeedlesPerFlush,6:N1} needles per fdatasync");
            }
        }
        output.WriteLine();

        output.WriteLine($"Random reads ({plan.ReadNeedleKiB} KiB needles, {plan.Readers} readers, every read CRC-checked)");
        var readId = new VolumeId(volumeId);
        try
        {
            await using var readVolume = Volume.Create(directory, readId);
            var fill = await BenchAppend.RunAsync(readVolume, plan.ReadNeedleKiB, 16, plan.AppendDuration, firstKey: 0);
            var lastKey = (ulong)fill.Needles;
            var warm = await BenchRandomRead.RunAsync(readVolume, 1, lastKey, plan.ReadNeedleKiB, plan.Readers, plan.ReadDuration, coldCache: false);
            output.WriteLine($"  warm page cache  {warm.NeedlesPerSecond,9:N0} needles/s  {warm.MegabytesPerSecond,8:N1} MiB/s  " +
                $"({fill.Bytes / (1024 * 1024):N0} MiB volume)");
            if (dropCaches)
            {
                if (BenchEnvironment.TryDropPageCache())
                {
                    var cold = await BenchRandomRead.RunAsync(readVolume, 1, lastKey, plan.ReadNeedleKiB, plan.Readers, plan.ReadDuration, coldCache: true);
                    output.WriteLine($"  cold page cache  {cold.NeedlesPerSecond,9:N0} needles/s  {cold.MegabytesPerSecond,8:N1} MiB/s");
                }
                else
                {
                    output.WriteLine("  cold page cache  skipped: dropping the page cache needs root");
                }
            }
        }
        finally
        {
            Remove(directory, readId);
        }
        return 0;
    }

    private static void Remove(string directory, VolumeId id)
    {
        var paths = new VolumePaths(directory, id);
        File.Delete(paths.Data);
        File.Delete(paths.Index);
    }
}
