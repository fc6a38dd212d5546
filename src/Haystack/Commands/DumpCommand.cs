using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Haystack.Commands.Cli;
using Haystack.Commands.VolumeFiles;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Storage.Inspection;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack dump VOLUME_FILE</c>: every needle of a volume data file with its offset, size, photo id and
/// state (live, deleted, superseded), like Backpack's dump-log. Reads the file with the engine's
/// <see cref="VolumeFileInspector"/>: no lock, no change.
/// </summary>
public static class DumpCommand
{
    public static Command Create()
    {
        var file = VolumeFileArgument.Create();
        var json = new Option<bool>("--json") { Description = "One JSON object per needle instead of a table (for scripts)." };
        var command = new Command("dump", "List the needles of a volume data file with offsets and sizes (read-only).") { file, json };
        command.SetGuardedAction((result, _) => Task.FromResult(Run(result.GetRequiredValue(file), result.GetValue(json), Console.Out)));
        return command;
    }

    private static int Run(FileInfo file, bool json, TextWriter output)
    {
        using var inspector = VolumeFileArgument.Inspect(file);
        var scan = inspector.ScanNeedles();
        var newest = NewestOffsets(scan);
        var block = inspector.Superblock;
        if (!json)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"volume {block.VolumeId}  {file.FullName}  {ByteSize.Format(inspector.Length)}  replicas {block.ReplicaCount}  compaction revision {block.CompactionRevision}  created {block.CreatedAt:u}"));
            output.WriteLine($"{"offset",14} {"size",10} {"data",10}  {"state",-10} {"content type",-24} photo id");
        }

        long live = 0, deleted = 0, superseded = 0, liveBytes = 0;
        foreach (var needle in scan)
        {
            var state = needle.IsDeleted ? "deleted" : newest[needle.Id] == needle.Location.Offset ? "live" : "superseded";
            switch (state)
            {
                case "live":
                    live++;
                    liveBytes += needle.DataLength;
                    break;
                case "deleted":
                    deleted++;
                    break;
                default:
                    superseded++;
                    break;
            }
            var (offset, size) = needle.Location;
            var photoId = new PhotoId(block.VolumeId.Value, needle.Id.Key, needle.Id.AlternateKey, needle.Cookie).ToString();
            output.WriteLine(json
                ? JsonSerializer.Serialize(new NeedleLine(offset, size, needle.DataLength, state, needle.ContentType, photoId,
                    needle.Id.Key.ToString("x", CultureInfo.InvariantCulture), needle.Id.AlternateKey, needle.Cookie.ToString("x8", CultureInfo.InvariantCulture), needle.Problem), CliJson.Options)
                : string.Create(CultureInfo.InvariantCulture,
                    $"{offset,14} {size,10} {needle.DataLength,10}  {state,-10} {needle.ContentType ?? "-",-24} {photoId}{(needle.Problem is null ? "" : "  ! " + needle.Problem)}"));
        }

        if (!json)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{live + deleted + superseded} needles: {live} live ({ByteSize.Format(liveBytes)} of data), {deleted} deleted, {superseded} superseded"));
        }
        if (scan.UnreadableTail is { } tail)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"haystack: {file.FullName}: offset {tail.Offset}: {tail.Problem}; nothing after it can be read. Run `haystack verify`."));
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    /// <summary>A first pass: the newest needle of each id is the one a read returns.</summary>
    private static Dictionary<NeedleId, long> NewestOffsets(NeedleScan scan)
    {
        var newest = new Dictionary<NeedleId, long>();
        foreach (var needle in scan)
        {
            newest[needle.Id] = needle.Location.Offset;
        }
        return newest;
    }

    private sealed record NeedleLine(
        long Offset, long Size, int DataBytes, string State, string? ContentType, string PhotoId,
        string Key, uint AlternateKey, string Cookie, string? Problem);
}
