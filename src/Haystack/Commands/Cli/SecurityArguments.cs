using System.CommandLine;
using Haystack.Hosting;
using Haystack.Protocol;

namespace Haystack.Commands.Cli;

/// <summary>
/// The key and TLS options. <c>--key-file</c> and <c>--tls-ca</c> belong to every verb (set once on the root, they
/// apply to the subcommands): servers accept the key and present it to the servers they call, client verbs present it.
/// The servers' own <c>--read-key-file</c>, <c>--tls-cert</c> and <c>--tls-key</c> are added by <see cref="AddServerOptions"/>.
/// docs/security.md has the whole story.
/// </summary>
public sealed class SecurityArguments
{
    /// <summary>Where a client verb looks for the key last: the key <c>haystack dev</c> keeps in its default data folder.</summary>
    public static readonly string DevKeyFile = Path.Combine("haystack-data", DevKeyFileName);

    public const string DevKeyFileName = "access.key";

    public static readonly Option<FileInfo?> KeyFile = new("--key-file")
    {
        Description = "File with the write key (first line) and optionally the previous one (second line). " +
            $"Default: ${AccessKeys.KeyFileVariable}, else ${AccessKeys.KeyVariable} (and ${AccessKeys.PreviousKeyVariable}); " +
            $"client verbs then try ./{DevKeyFile} (what `haystack dev` writes).",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> TrustedCa = new("--tls-ca")
    {
        Description = "PEM file of the CA that https servers' certificates must chain to (instead of the system's roots).",
        Recursive = true,
    };

    private readonly Option<FileInfo?> _readKeyFile = new("--read-key-file")
    {
        Description = $"File with a read key: once set, photo reads, /stats and /metrics need it or the write key. Default: ${AccessKeys.ReadKeyVariable}; none keeps reads open.",
    };

    private readonly Option<FileInfo?> _certificate = new("--tls-cert") { Description = "PEM certificate (chain) to serve TLS with on both ports; with --tls-key." };

    private readonly Option<FileInfo?> _certificateKey = new("--tls-key") { Description = "PEM private key of --tls-cert." };

    public static void AddGlobalOptions(RootCommand root)
    {
        root.Options.Add(KeyFile);
        root.Options.Add(TrustedCa);
    }

    /// <summary>The keys a client verb presents: as a server reads them, then the dev data folder's key.</summary>
    public static AccessKeys ClientKeys(ParseResult result)
    {
        var keys = Read(() => AccessKeys.Load(result.GetValue(KeyFile)?.FullName));
        return keys.Presented is null && File.Exists(DevKeyFile) ? Read(() => AccessKeys.Load(DevKeyFile)) : keys;
    }

    public static TrustedAuthority? ClientTrust(ParseResult result) =>
        result.GetValue(TrustedCa) is { } file ? Read(() => TrustedAuthority.Load(file.FullName)) : null;

    public void AddServerOptions(Command command)
    {
        command.Options.Add(_readKeyFile);
        command.Options.Add(_certificate);
        command.Options.Add(_certificateKey);
    }

    public AccessKeys ServerKeys(ParseResult result) =>
        Read(() => AccessKeys.Load(result.GetValue(KeyFile)?.FullName, result.GetValue(_readKeyFile)?.FullName));

    public ServerTls? ServerTls(ParseResult result) =>
        Read(() => Hosting.ServerTls.From(result.GetValue(_certificate)?.FullName, result.GetValue(_certificateKey)?.FullName));

    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage, e);
        }
    }
}
