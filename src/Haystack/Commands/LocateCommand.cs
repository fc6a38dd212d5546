using System.CommandLine;
using System.Net;
using System.Text.Json;
using Haystack.Commands.Cli;
using Haystack.Commands.VolumeFiles;
using Haystack.Directory.Http;
using Spectre.Console;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack locate ID</c>: the photo's logical volume, its state and replicas (from the directory), whether each
/// replica holds it (a HEAD to each store: size, entity tag), and, for volume files on this machine (<c>--data</c>,
/// default ./haystack-data), the needle's byte offset and size.
/// </summary>
public static class LocateCommand
{
    public static Command Create()
    {
        var id = PhotoIdArgument.Create();
        var directory = ServerOptions.Directory();
        var data = new Option<string[]>("--data")
        {
            Description = "Local store data folders (or a dev data root holding store-N/) to search for the needle's offset. Default: ./haystack-data.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["haystack-data"],
        };
        var command = new Command("locate", "Show a photo's volume, replicas, and its offset and size in local volume files.") { id, directory, data };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var photoId = PhotoIdArgument.Parse(result.GetRequiredValue(id));
            Terminal.PrepareForTables();
            using var client = new ServerClient("directory", ServerUrl.Parse(result.GetRequiredValue(directory), "directory"));
            var lookup = JsonSerializer.Deserialize<LookupResponse>(
                await client.GetJsonAsync($"dir/lookup?id={Uri.EscapeDataString(photoId.ToString())}", cancellationToken), CliJson.Options)!;

            Console.Out.WriteLine($"photo {photoId}: volume {lookup.Volume} ({lookup.State.ToString().ToLowerInvariant()}), key {photoId.Key:x}, alternate key {photoId.AlternateKey}, cookie {photoId.Cookie:x8}");
            var table = new Table().Border(TableBorder.Rounded).AddColumn("replica").AddColumn("holds it").AddColumn("size").AddColumn("etag");
            var held = 0;
            foreach (var location in lookup.Locations)
            {
                var (holds, size, etag) = await ProbeAsync(location, photoId.ToString(), cancellationToken);
                held += holds == "yes" ? 1 : 0;
                table.AddRow(Markup.Escape(location.Url), Markup.Escape(holds), size, etag);
            }
            AnsiConsole.Write(table);

            var local = NeedleSearch.Find(photoId, result.GetValue(data) ?? []).ToList();
            Console.Out.WriteLine(local.Count == 0
                ? "offset: no local volume file found (pass --data <store data folder>; the store API does not report offsets)"
                : "on this machine:");
            foreach (var line in local)
            {
                Console.Out.WriteLine($"  {line}");
            }
            return held > 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<(string Holds, string Size, string ETag)> ProbeAsync(Location location, string photoId, CancellationToken cancellationToken)
    {
        using var store = new ServerClient("store", ServerUrl.Parse(location.Url, "store"), TimeSpan.FromSeconds(10));
        try
        {
            using var response = await store.SendAsync(HttpMethod.Head, photoId, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => ("yes", ByteSize.Format(response.Content.Headers.ContentLength ?? 0), response.Headers.ETag?.Tag ?? "-"),
                HttpStatusCode.NotFound => ("no (404)", "-", "-"),
                _ => ($"error ({(int)response.StatusCode})", "-", "-"),
            };
        }
        catch (CliException unreachable) when (unreachable.ExitCode == ExitCodes.Unreachable)
        {
            return ("unreachable", "-", "-");
        }
    }
}
