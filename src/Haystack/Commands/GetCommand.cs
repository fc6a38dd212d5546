using System.CommandLine;
using Haystack.Client;
using Haystack.Commands.Cli;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack get ID</c>: fetches a photo through the cache (the normal read path), or with <c>--directory</c>
/// straight from the replicas the directory names, failing over from one to the next. Bytes go to
/// <c>-o FILE</c> or stdout; what was fetched from where goes to stderr.
/// </summary>
public static class GetCommand
{
    public static Command Create()
    {
        var id = PhotoIdArgument.Create();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the photo to this file instead of stdout." };
        var cache = ServerOptions.Cache("Cache to read through.");
        var directory = new Option<string?>("--directory")
        {
            Description = "Bypass the cache: look the volume up in this directory and read from its replicas.",
        };
        var command = new Command("get", "Fetch a photo by id through the cache (or, with --directory, from its replicas).")
        {
            id, output, cache, directory,
        };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var photoId = PhotoIdArgument.Parse(result.GetRequiredValue(id));
            if (result.GetValue(output) is null && !Console.IsOutputRedirected)
            {
                throw new CliException("a photo is binary: pass -o FILE, or redirect stdout (haystack get ID > photo.jpg).", ExitCodes.Usage);
            }
            var directoryUrl = result.GetValue(directory);
            var photo = directoryUrl is null
                ? await ReadThroughCacheAsync(result, ServerUrl.Parse(result.GetRequiredValue(cache), "cache"), photoId, cancellationToken)
                : await CliClients.Create(result, ServerUrl.Parse(directoryUrl, "directory")).GetFromReplicasAsync(photoId, cancellationToken);
            await WriteAsync(photo, result.GetValue(output), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    // A read through the cache never asks the directory; the client is given the default one all the same.
    private static Task<Photo> ReadThroughCacheAsync(ParseResult result, Uri cacheUrl, PhotoId id, CancellationToken cancellationToken) =>
        CliClients.Create(result, ServerUrl.Parse(ServerOptions.DirectoryUrl, "directory"), cacheUrl, TimeSpan.FromMinutes(2)).GetAsync(id, cancellationToken);

    private static async Task WriteAsync(Photo photo, FileInfo? output, CancellationToken cancellationToken)
    {
        if (output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(photo.Data, cancellationToken);
        }
        else
        {
            await File.WriteAllBytesAsync(output.FullName, photo.Data, cancellationToken);
        }
        var source = photo.CacheStatus is null
            ? $"store {photo.Source} (volume {photo.Id.VolumeId})"
            : $"cache {photo.Source} (X-Cache: {photo.CacheStatus})";
        Console.Error.WriteLine($"{photo.Data.Length} bytes, {photo.ContentType ?? "no content type"}, from {source}" +
            (output is null ? "" : $", written to {output.FullName}"));
    }
}
