using System.CommandLine;
using System.Globalization;
using Haystack.Commands.Cli;
using Haystack.Storage.Inspection;

namespace Haystack.Commands.VolumeFiles;

/// <summary>The VOLUME_FILE argument of the tool verbs: a <c>&lt;id&gt;.dat</c> data file inside a Store directory.</summary>
internal static class VolumeFileArgument
{
    public static Argument<FileInfo> Create() => new("volume-file")
    {
        Description = "A volume data file, <store data dir>/<volume id>.dat (e.g. haystack-data/store-1/3.dat).",
    };

    /// <summary>Checks the file exists and returns the volume id its name carries.</summary>
    public static uint VolumeIdOf(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"{file.FullName} does not exist; pass a volume data file such as haystack-data/store-1/3.dat.", ExitCodes.Usage);
        }
        if (file.Extension != ".dat" || !uint.TryParse(Path.GetFileNameWithoutExtension(file.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new CliException($"{file.FullName} is not named <volume id>.dat, so it is not a volume data file.", ExitCodes.Usage);
        }
        return id;
    }

    /// <summary>
    /// Checks the argument and opens the file with the engine's read-only inspector. A file that is not a
    /// volume raises the engine's <c>VolumeFormatException</c>, which names the file.
    /// </summary>
    public static VolumeFileInspector Inspect(FileInfo file)
    {
        VolumeIdOf(file);
        try
        {
            return VolumeFileInspector.Open(file.FullName);
        }
        catch (IOException error)
        {
            throw new CliException($"cannot read {file.FullName}: {error.Message}", ExitCodes.Failure, error);
        }
    }
}
