using System.CommandLine;
using System.Globalization;
using Haystack.Commands.Cli;
using Haystack.Commands.VolumeFiles;
using Haystack.Protocol;
using Haystack.Storage.Inspection;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack verify VOLUME_FILE</c>: reads every needle of a volume data file and checks its header,
/// footer and CRC32C, then checks the index file against the data. Exits 1 when any needle is corrupt.
/// Read-only (the engine's <see cref="VolumeFileInspector"/>): safe on a volume a running Store is serving.
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
        using var inspector = VolumeFileArgument.Inspect(file);
        if (inspector.Superblock.VolumeId.Value != volumeId)
        {
            throw new CliException($"{file.FullName} holds volume {inspector.Superblock.VolumeId}, not {volumeId}: it was renamed or copied to the wrong place.");
        }
        output.WriteLine($"verifying volume {volumeId}: {file.FullName} ({ByteSize.Format(inspector.Length)})");

        long good = 0, corrupt = 0, bytes = 0;
        var scan = inspector.ScanNeedles();
        foreach (var needle in scan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (needle.IsIntact)
            {
                good++;
                bytes += needle.DataLength;
                continue;
            }
            corrupt++;
            var photoId = new PhotoId(volumeId, needle.Id.Key, needle.Id.AlternateKey, needle.Cookie);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CORRUPT needle {photoId}{(needle.IsDeleted ? " (deleted)" : "")} at offset {needle.Location.Offset}, {needle.Location.Length} bytes: {needle.Problem}"));
        }
        if (scan.UnreadableTail is { } tail)
        {
            corrupt++;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CORRUPT at offset {tail.Offset}: {tail.Problem}; the remaining {tail.Length} bytes cannot be read."));
        }

        output.WriteLine(Verdict(inspector.CheckIndex()));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{good + corrupt} needles checked: {good} good ({ByteSize.Format(bytes)} of data), {corrupt} corrupt."));
        if (corrupt == 0)
        {
            return ExitCodes.Success;
        }
        Console.Error.WriteLine(scan.UnreadableTail is not null
            ? $"haystack: volume {volumeId} is damaged in {file.FullName}. Rebuild this replica from a healthy one; a torn tail alone is cut by the Store when it opens the volume."
            : $"haystack: volume {volumeId} has {corrupt} corrupt needle(s) in {file.FullName}. Readers get them from another replica; rebuild this replica from a healthy one.");
        return ExitCodes.Failure;
    }

    /// <summary>One line on the index. A bad index loses no data (the Store rebuilds it), so it is advice, not corruption.</summary>
    private static string Verdict(IndexFileCheck check)
    {
        if (!check.Exists)
        {
            return $"index {check.Path} is missing; the Store rebuilds it on open, or run `haystack restore-index`.";
        }
        if (check.Problem is not null)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"index {check.Path}: {check.ValidRecords} good records, then {check.Problem}; `haystack restore-index` rebuilds it.");
        }
        var unindexed = check.UnindexedBytes == 0
            ? ""
            : $" ({ByteSize.Format(check.UnindexedBytes)} of needles after it are not indexed yet; the Store indexes them when it opens the volume)";
        return string.Create(CultureInfo.InvariantCulture,
            $"index {check.Path}: {check.ValidRecords} records, consistent with the data file{unindexed}.");
    }
}
