using System.CommandLine;
using Haystack.Client;
using Haystack.Protocol;

namespace Haystack.Commands.Cli;

/// <summary>
/// The <see cref="HaystackClient"/> each client verb talks through, on one HttpClient for the process (a verb is
/// short-lived). Connecting is bounded at 5 s; each attempt by the verb's own timeout. The key and the CA come from
/// <see cref="SecurityArguments"/> (<c>--key-file</c>, the environment, or the dev data folder; <c>--tls-ca</c>).
/// </summary>
public static class CliClients
{
    private static HttpClient? SharedHttp;

    public static HaystackClient Create(ParseResult result, Uri directory, Uri? cache = null, TimeSpan? attemptTimeout = null) =>
        new(Http(result), new HaystackClientOptions
        {
            DirectoryUrl = directory,
            CacheUrl = cache,
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30),
            Key = SecurityArguments.ClientKeys(result).Presented,
        });

    /// <summary>The one line and exit code a client failure ends a verb with: 3 when a server could not be asked, else 1.</summary>
    public static CliException ToCliException(this HaystackException error) => error is HaystackUnreachableException { InnerException: HttpRequestException }
        ? new CliException($"{error.Message} Is it running? (`haystack dev` starts a whole cluster on this machine.)", ExitCodes.Unreachable, error)
        : new CliException(error.Message, error is HaystackUnreachableException ? ExitCodes.Unreachable : ExitCodes.Failure, error);

    private static HttpClient Http(ParseResult result)
    {
        if (SharedHttp is null)
        {
            // Store URLs named by the directory are pod DNS names; a host map (tests) sends them to 127.0.0.1 ports instead.
            var handler = PodEndpoints.FromEnvironment().CreateHandler(TimeSpan.FromSeconds(5));
            SecurityArguments.ClientTrust(result)?.Apply(handler);
            SharedHttp = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        }
        return SharedHttp;
    }
}
