using System.CommandLine;
using System.Net;
using System.Text.Json;
using Haystack.Commands.Cli;
using Haystack.Directory.Http;
using Haystack.Store;

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
                ? await ReadThroughCacheAsync(ServerUrl.Parse(result.GetRequiredValue(cache), "cache"), photoId, cancellationToken)
                : await ReadFromReplicasAsync(ServerUrl.Parse(directoryUrl, "directory"), photoId, cancellationToken);
            await WriteAsync(photo, result.GetValue(output), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<FetchedPhoto> ReadThroughCacheAsync(Uri cacheUrl, PhotoId id, CancellationToken cancellationToken)
    {
        using var cache = new ServerClient("cache", cacheUrl, TimeSpan.FromMinutes(2));
        using var response = await cache.SendAsync(HttpMethod.Get, id.ToString(), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotFound(id);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await cache.FailureAsync(response, cancellationToken);
        }
        var cacheState = response.Headers.TryGetValues("X-Cache", out var values) ? string.Join(",", values) : "?";
        return new FetchedPhoto(await response.Content.ReadAsByteArrayAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString(), $"cache {cacheUrl} (X-Cache: {cacheState})");
    }

    private static async Task<FetchedPhoto> ReadFromReplicasAsync(Uri directoryUrl, PhotoId id, CancellationToken cancellationToken)
    {
        using var directory = new ServerClient("directory", directoryUrl);
        var lookup = JsonSerializer.Deserialize<LookupResponse>(
            await directory.GetJsonAsync($"dir/lookup?id={Uri.EscapeDataString(id.ToString())}", cancellationToken), CliJson.Options)!;
        var failures = new List<string>();
        foreach (var location in lookup.Locations)
        {
            using var store = new ServerClient("store", ServerUrl.Parse(location.Url, "store"), TimeSpan.FromSeconds(30));
            try
            {
                using var response = await store.SendAsync(HttpMethod.Get, id.ToString(), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return new FetchedPhoto(await response.Content.ReadAsByteArrayAsync(cancellationToken),
                        response.Content.Headers.ContentType?.ToString(), $"store {location.Url} (volume {lookup.Volume}, {lookup.State.ToString().ToLowerInvariant()})");
                }
                failures.Add(response.StatusCode == HttpStatusCode.NotFound
                    ? $"{location.Url}: not found"
                    : (await store.FailureAsync(response, cancellationToken)).Message);
            }
            catch (CliException unreachable) when (unreachable.ExitCode == ExitCodes.Unreachable)
            {
                failures.Add(unreachable.Message);
            }
        }
        if (failures.Count > 0 && failures.All(failure => failure.EndsWith(": not found", StringComparison.Ordinal)))
        {
            throw NotFound(id);
        }
        throw new CliException($"no replica of volume {lookup.Volume} served photo {id}: {string.Join("; ", failures)}");
    }

    private static async Task WriteAsync(FetchedPhoto photo, FileInfo? output, CancellationToken cancellationToken)
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
        Console.Error.WriteLine($"{photo.Data.Length} bytes, {photo.ContentType ?? "no content type"}, from {photo.Source}" +
            (output is null ? "" : $", written to {output.FullName}"));
    }

    private static CliException NotFound(PhotoId id) =>
        new($"photo {id} was not found: it was deleted, never uploaded, or the cookie in the id is wrong.");

    private sealed record FetchedPhoto(byte[] Data, string? ContentType, string Source);
}
