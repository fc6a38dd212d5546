using Haystack.Api;
using Haystack.Client;

namespace Haystack.Commands.Cli;

/// <summary>
/// The <see cref="HaystackClient"/> each client verb talks through, on one HttpClient for the process (a verb is
/// short-lived). Connecting is bounded at 5 s; each attempt by the verb's own timeout.
/// </summary>
public static class CliClients
{
    // Store URLs named by the directory are pod DNS names; a host map (tests) sends them to 127.0.0.1 ports instead.
    private static readonly HttpClient Http = new(PodEndpoints.FromEnvironment().CreateHandler(TimeSpan.FromSeconds(5)))
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static HaystackClient Create(Uri directory, Uri? cache = null, TimeSpan? attemptTimeout = null) => new(Http, new HaystackClientOptions
    {
        DirectoryUrl = directory,
        CacheUrl = cache,
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30),
    });

    /// <summary>The one line and exit code a client failure ends a verb with: 3 when a server could not be asked, else 1.</summary>
    public static CliException ToCliException(this HaystackException error) => error is HaystackUnreachableException { InnerException: HttpRequestException }
        ? new CliException($"{error.Message} Is it running? (`haystack dev` starts a whole cluster on this machine.)", ExitCodes.Unreachable, error)
        : new CliException(error.Message, error is HaystackUnreachableException ? ExitCodes.Unreachable : ExitCodes.Failure, error);
}
