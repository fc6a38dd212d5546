using System.CommandLine;
using System.Net;
using Haystack.Client;
using Haystack.Commands.Cli;
using Haystack.Commands.VolumeFiles;
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
            var client = CliClients.Create(result, ServerUrl.Parse(result.GetRequiredValue(directory), "directory"), attemptTimeout: TimeSpan.FromSeconds(10));
            var location = await client.LookupAsync(photoId, cancellationToken);

            Console.Out.WriteLine($"photo {photoId}: volume {location.Volume} ({location.State.ToString().ToLowerInvariant()}), key {photoId.Key:x}, alternate key {photoId.AlternateKey}, cookie {photoId.Cookie:x8}");
            var table = new Table().Border(TableBorder.Rounded).AddColumn("replica").AddColumn("holds it").AddColumn("size").AddColumn("etag");
            var held = 0;
            foreach (var replica in location.Replicas)
            {
                var probe = await client.ProbeAsync(replica, photoId, cancellationToken);
                held += probe.Holds ? 1 : 0;
                table.AddRow(Markup.Escape(replica.ToString()), Markup.Escape(Holds(probe)), probe.Size is { } size ? ByteSize.Format(size) : "-", Markup.Escape(probe.ETag ?? "-"));
            }
            AnsiConsole.Write(table);

            var storeId = new Protocol.PhotoId(photoId.VolumeId, photoId.Key, photoId.AlternateKey, photoId.Cookie);
            var local = NeedleSearch.Find(storeId, result.GetValue(data) ?? []).ToList();
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

    private static string Holds(ReplicaProbe probe) => probe.Status switch
    {
        HttpStatusCode.OK => "yes",
        HttpStatusCode.NotFound => "no (404)",
        null => "unreachable",
        { } status => $"error ({(int)status})",
    };
}
