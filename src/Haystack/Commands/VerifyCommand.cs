using System.CommandLine;
using System.Globalization;
using Haystack.Commands.Cli;
using Haystack.Commands.VolumeFiles;
using Haystack.Store;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack verify VOLUME_FILE</c>: reads every needle of a volume data file and checks its header,
/// footer and CRC32C, then checks the index file against the data. Exits 1 when any needle is corrupt.
/// Read-only: safe on a volume a running Store is serving.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var file = VolumeFileArgument.Create();
        var command = new Command("verify", "Checksum every needle of a volume data file; exit code 1 if any is corrupt.") { file };
        command.SetGuardedAction((result, cancellationToken) => Task.FromResult(Run(result.GetRequiredValue(file), Console.Out, cancellationToken)));
        return command;
    }

    private static int Run(FileInfo file, TextWriter output, CancellationToken cancellationToken)
    {
        var volumeId = VolumeFileArgument.VolumeIdOf(file);
        using var reader = VolumeFileReader.Open(file.FullName);
        if (reader.Superblock.VolumeId != volumeId)
        {
            throw new CliException($"{file.FullName} holds volume {reader.Superblock.VolumeId}, not {volumeId}: it was renamed or copied to the wrong place.");
        }
        output.WriteLine($"verifying volume {volumeId}: {file.FullName} ({ByteSize.Format(reader.Length)})");

        var needles = new Dictionary<long, (ulong, uint)>();
        long good = 0, corrupt = 0, bytes = 0;
        var unreadableTail = false;
        foreach (var needle in reader.ReadNeedles(verifyData: true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (needle.Problem is null)
            {
                good++;
                bytes += needle.DataLength;
                needles[needle.Offset] = (needle.Key, needle.AlternateKey);
                continue;
            }
            corrupt++;
            if (needle.EndsScan)
            {
                unreadableTail = true;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CORRUPT at offset {needle.Offset}: {needle.Problem}; the remaining {reader.Length - needle.Offset} bytes cannot be read."));
                break;
            }
            var photoId = new PhotoId(volumeId, needle.Key, needle.AlternateKey, needle.Cookie);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CORRUPT needle {photoId}{(needle.IsDeleted ? " (deleted)" : "")} at offset {needle.Offset}, {needle.TotalLength} bytes: {needle.Problem}"));
        }

        var (verdict, _) = IndexFileCheck.Run(Path.ChangeExtension(file.FullName, ".idx"), reader.Superblock, needles);
        output.WriteLine(verdict);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{good + corrupt} needles checked: {good} good ({ByteSize.Format(bytes)} of data), {corrupt} corrupt."));
        if (corrupt == 0)
        {
            return ExitCodes.Success;
        }
        Console.Error.WriteLine(unreadableTail
            ? $"haystack: volume {volumeId} is damaged in {file.FullName}. Rebuild this replica from a healthy one; a torn tail alone is cut by the Store when it opens the volume."
            : $"haystack: volume {volumeId} has {corrupt} corrupt needle(s) in {file.FullName}. Readers get them from another replica; rebuild this replica from a healthy one.");
        return ExitCodes.Failure;
    }
}
