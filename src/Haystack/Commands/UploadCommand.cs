using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Haystack.Client;
using Haystack.Commands.Cli;
using Spectre.Console;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack upload FILE|DIR...</c>: sends every file to the Directory's <c>POST /upload</c> (which writes all
/// replicas before answering), several at a time, with a progress bar; then prints id and URL per file (or writes
/// them to a mapping file) and a summary. Exits 1 if any file failed, 3 if the directory cannot be reached.
/// </summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files to upload, and folders whose files (recursively) are uploaded.",
            Arity = ArgumentArity.OneOrMore,
        };
        var directory = ServerOptions.Directory("Directory to upload through.");
        var concurrency = new Option<int>("--concurrency", "-c")
        {
            Description = "Uploads in flight at once.",
            DefaultValueFactory = _ => 4,
        };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256)
            {
                result.AddError("--concurrency must be between 1 and 256.");
            }
        });
        var mapping = new Option<FileInfo?>("--mapping")
        {
            Description = "Write 'path<TAB>photo id<TAB>url' lines to this file instead of printing one line per photo.",
        };
        var command = new Command("upload", "Upload files or whole folders through the directory, with a progress bar and a summary.")
        {
            paths, directory, concurrency, mapping,
        };
        command.SetGuardedAction((result, cancellationToken) => RunAsync(
            result,
            result.GetRequiredValue(paths),
            ServerUrl.Parse(result.GetRequiredValue(directory), "directory"),
            result.GetValue(concurrency),
            result.GetValue(mapping),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, string[] paths, Uri directoryUrl, int concurrency, FileInfo? mapping, CancellationToken cancellationToken)
    {
        var files = UploadSource.Expand(paths);
        Terminal.PrepareForTables();
        var client = CliClients.Create(result, directoryUrl, attemptTimeout: TimeSpan.FromMinutes(5));
        var outcomes = new UploadOutcome[files.Count];
        var totalBytes = files.Sum(file => file.Length);
        var clock = Stopwatch.StartNew();

        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"uploading {files.Count} files", maxValue: Math.Max(1, totalBytes));
                    await UploadAllAsync(client, files, outcomes, concurrency, bytes => task.Increment(bytes), cancellationToken);
                });
        }
        else
        {
            await UploadAllAsync(client, files, outcomes, concurrency, _ => { }, cancellationToken);
        }
        clock.Stop();

        await ReportAsync(outcomes, mapping, cancellationToken);
        PrintSummary(outcomes, clock.Elapsed, directoryUrl);
        return outcomes.Any(outcome => outcome.Stored is null) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task UploadAllAsync(
        HaystackClient client, IReadOnlyList<FileInfo> files, UploadOutcome[] outcomes, int concurrency, Action<long> uploaded, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        // An unreachable directory fails every file the same way: stop at the first one and say so once.
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (index, token) =>
        {
            outcomes[index] = await UploadOneAsync(client, files[index], token);
            uploaded(files[index].Length);
        });
    }

    private static async Task<UploadOutcome> UploadOneAsync(HaystackClient client, FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = file.OpenRead();
            return new UploadOutcome(file, await client.UploadAsync(stream, ContentTypes.For(file.Name), cancellationToken: cancellationToken), null);
        }
        catch (HaystackException refused) when (refused is not HaystackUnreachableException)
        {
            return new UploadOutcome(file, null, refused.Message);
        }
        catch (IOException error)
        {
            return new UploadOutcome(file, null, $"cannot read {file.FullName}: {error.Message}");
        }
        catch (UnauthorizedAccessException error)
        {
            return new UploadOutcome(file, null, $"cannot read {file.FullName}: {error.Message}");
        }
    }

    private static async Task ReportAsync(IReadOnlyList<UploadOutcome> outcomes, FileInfo? mapping, CancellationToken cancellationToken)
    {
        var stored = outcomes.Where(outcome => outcome.Stored is not null).ToList();
        if (mapping is not null)
        {
            await File.WriteAllLinesAsync(mapping.FullName,
                stored.Select(outcome => $"{outcome.File.FullName}\t{outcome.Stored!.Id}\t{outcome.Stored.Url}"), cancellationToken);
            Console.Out.WriteLine($"wrote {stored.Count} lines (path, photo id, url) to {mapping.FullName}");
        }
        else
        {
            foreach (var outcome in stored)
            {
                Console.Out.WriteLine($"{outcome.File.FullName} -> {outcome.Stored!.Id} {outcome.Stored.Url}");
            }
        }
        foreach (var failed in outcomes.Where(outcome => outcome.Stored is null))
        {
            Console.Error.WriteLine($"FAILED {failed.File.FullName}: {failed.Failure}");
        }
    }

    private static void PrintSummary(IReadOnlyList<UploadOutcome> outcomes, TimeSpan elapsed, Uri directoryUrl)
    {
        var stored = outcomes.Where(outcome => outcome.Stored is not null).ToList();
        var bytes = stored.Sum(outcome => outcome.Stored!.Size);
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("files").AddColumn("uploaded").AddColumn("failed")
            .AddColumn("bytes").AddColumn("time").AddColumn("rate");
        table.AddRow(
            outcomes.Count.ToString(CultureInfo.InvariantCulture),
            stored.Count.ToString(CultureInfo.InvariantCulture),
            (outcomes.Count - stored.Count).ToString(CultureInfo.InvariantCulture),
            ByteSize.Format(bytes),
            string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.00} s"),
            string.Create(CultureInfo.InvariantCulture, $"{stored.Count / seconds:0.0} files/s, {ByteSize.Format(bytes / seconds)}/s"));
        table.Caption($"through {Markup.Escape(directoryUrl.ToString())}");
        AnsiConsole.Write(table);
    }
}
