using Haystack.Commands.Cli;
using Haystack.Protocol;

namespace Haystack.Commands.Dev;

/// <summary>
/// The key <c>haystack dev</c> runs with, so a dev cluster is guarded like a real one: <c>--key-file</c> when given;
/// else a key already in the environment (<c>HAYSTACK_KEY</c>, <c>HAYSTACK_KEY_FILE</c>), which the children inherit;
/// else <c>&lt;data&gt;/access.key</c>, generated on the first run (mode 0600) and kept with the data.
/// </summary>
internal sealed record DevKey(string? File, string Origin)
{
    public static DevKey Settle(string dataRoot, FileInfo? keyFile)
    {
        if (keyFile is not null)
        {
            Check(() => AccessKeys.Load(keyFile.FullName));
            return new DevKey(keyFile.FullName, $"from {keyFile.FullName}");
        }
        if (Check(() => AccessKeys.Load(null)).GuardsWrites)
        {
            return new DevKey(null, $"from the environment (${AccessKeys.KeyFileVariable} or ${AccessKeys.KeyVariable})");
        }
        var path = Path.Combine(dataRoot, SecurityArguments.DevKeyFileName);
        if (System.IO.File.Exists(path))
        {
            Check(() => AccessKeys.Load(path));
            return new DevKey(path, $"in {path}");
        }
        System.IO.Directory.CreateDirectory(dataRoot);
        AccessKeys.CreateKeyFile(path);
        return new DevKey(path, $"generated into {path} (readable by you only)");
    }

    /// <summary>How a client verb in another shell finds this key: one line for the welcome text.</summary>
    public string HowClientsFindIt => File is null
        ? "client verbs read the same variable"
        : Path.GetFullPath(SecurityArguments.DevKeyFile) == File
            ? $"client verbs run in {Path.GetDirectoryName(Path.GetDirectoryName(File))} find it; elsewhere: export {AccessKeys.KeyFileVariable}={File}"
            : $"export {AccessKeys.KeyFileVariable}={File} (or pass --key-file {File})";

    private static AccessKeys Check(Func<AccessKeys> load)
    {
        try
        {
            return load();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage, e);
        }
    }
}
