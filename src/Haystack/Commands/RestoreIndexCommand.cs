using System.CommandLine;
using System.Globalization;
using Haystack.Commands.Cli;
using Haystack.Commands.VolumeFiles;
using Haystack.Storage;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack restore-index VOLUME_FILE</c>: rebuilds <c>&lt;id&gt;.idx</c> from the data file with the engine's
/// <see cref="Volume.RebuildIndexAsync"/> (recovery's own scan; it also cuts a torn tail, which holds nothing that
/// was ever acknowledged). The old index is kept as <c>&lt;id&gt;.idx.old</c>. The Store serving the volume must be
/// stopped first; while it runs the engine refuses and changes nothing.
/// </summary>
public static class RestoreIndexCommand
{
    public static Command Create()
    {
        var file = VolumeFileArgument.Create();
        var command = new Command("restore-index", "Rebuild a volume's index file from its data file (stop the store holding it first).") { file };
        command.SetGuardedAction(async (result, _) => await RunAsync(result.GetRequiredValue(file), Console.Out));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, TextWriter output)
    {
        var id = new VolumeId(VolumeFileArgument.VolumeIdOf(file));
        var directory = file.DirectoryName!;
        var paths = new VolumePaths(directory, id);
        var kept = paths.Index + ".old";
        var hadIndex = File.Exists(paths.Index);

        IndexRebuildReport rebuilt;
        try
        {
            rebuilt = await Volume.RebuildIndexAsync(directory, id, hadIndex ? kept : null);
        }
        catch (Exception error) when (error is IOException or StorageException)
        {
            throw new CliException($"cannot rebuild the index of volume {id} in {directory}: {error.Message}" +
                (error is IOException ? " Stop the store serving this volume, then retry." : ""), ExitCodes.Failure, error);
        }

        var (report, stats) = rebuilt;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuilt {paths.Index} from {paths.Data}: {report.NeedlesScanned} needles indexed, {stats.NeedleCount} live ({ByteSize.Format(stats.LiveBytes)}), {stats.GarbageNeedleCount} deleted or superseded."));
        if (report.TruncatedBytes > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cut a torn tail of {report.TruncatedBytes} bytes from {paths.Data} (a write that was never acknowledged)."));
        }
        if (report.CompactionResolution is not null)
        {
            output.WriteLine($"interrupted compaction: {report.CompactionResolution}");
        }
        if (hadIndex)
        {
            output.WriteLine($"the previous index is kept as {kept}; delete it once the store serves the volume well.");
        }
        return ExitCodes.Success;
    }
}
