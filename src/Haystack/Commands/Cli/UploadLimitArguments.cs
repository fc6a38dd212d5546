using System.CommandLine;
using Haystack.Hosting;

namespace Haystack.Commands.Cli;

/// <summary>
/// The options that bound what hostile clients can hold on a server that takes uploads (store, directory):
/// <c>--upload-memory-budget</c>, <c>--upload-stall-timeout-ms</c> and <c>--max-connections</c>.
/// </summary>
public sealed class UploadLimitArguments
{
    private readonly Option<long?> _budget = new("--upload-memory-budget")
    {
        Description = "Bytes that uploads in flight may hold in all; more wait briefly, then get 503 with Retry-After. " +
            "Default: a quarter of the container's memory limit (cgroup), or 512 MiB without one.",
    };

    private readonly Option<int> _stallMilliseconds = new("--upload-stall-timeout-ms")
    {
        Description = "An upload body that sends nothing for this long is cut (408); nothing is stored.",
        DefaultValueFactory = _ => 10_000,
    };

    private readonly Option<int> _maxConnections = new("--max-connections")
    {
        Description = "Open connections accepted in all; more are closed.",
        DefaultValueFactory = _ => KestrelLimits.DefaultMaxConnections,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_budget);
        command.Options.Add(_stallMilliseconds);
        command.Options.Add(_maxConnections);
    }

    public long? Budget(ParseResult result) => result.GetValue(_budget);

    public TimeSpan StallLimit(ParseResult result) => TimeSpan.FromMilliseconds(result.GetValue(_stallMilliseconds));

    public int MaxConnections(ParseResult result) => result.GetValue(_maxConnections);
}
