using System.CommandLine;
using Haystack.Client;
using Haystack.Commands.Cli;
using Spectre.Console;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack stats</c>: fetches <c>/stats</c> from each given server (directory, cache or store) and shows it
/// readably. Without <c>--url</c> it asks the <c>haystack dev</c> directory and cache. <c>--json</c> prints the raw documents.
/// </summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--url")
        {
            Description = $"Server to ask (repeatable). Default: the dev directory and cache ({ServerOptions.DefaultDirectoryUrl}, {ServerOptions.DefaultCacheUrl}).",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print each server's JSON as it came." };
        var command = new Command("stats", "Show /stats of the directory, cache or store servers.") { urls, json };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var targets = result.GetValue(urls) is { Length: > 0 } given ? given : [ServerOptions.DirectoryUrl, ServerOptions.CacheUrl];
            var parsed = targets.Select(url => ServerUrl.Parse(url, "server")).ToList();
            var client = CliClients.Create(result, ServerUrl.Parse(ServerOptions.DirectoryUrl, "directory"));
            Terminal.PrepareForTables();
            var exitCode = ExitCodes.Success;
            foreach (var url in parsed)
            {
                try
                {
                    var stats = await client.GetStatsAsync(url, cancellationToken);
                    if (result.GetValue(json))
                    {
                        Console.Out.WriteLine(stats.GetRawText());
                        continue;
                    }
                    AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(url.ToString())}stats[/]").LeftJustified());
                    AnsiConsole.Write(JsonView.Render(stats));
                    AnsiConsole.WriteLine();
                }
                catch (HaystackException error)
                {
                    // Show the other servers anyway; the exit code still says something failed.
                    var failure = error.ToCliException();
                    Console.Error.WriteLine($"haystack: {failure.Message}");
                    exitCode = Math.Max(exitCode, failure.ExitCode);
                }
            }
            return exitCode;
        });
        return command;
    }
}
