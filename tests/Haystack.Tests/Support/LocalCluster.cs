using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Testing;

namespace Haystack.Tests.Support;

/// <summary>
/// A whole Haystack as real processes on 127.0.0.1: stores, a directory and a cache node, each on free ports,
/// with their data in a temporary folder. Stores can be killed and restarted by the tests.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly TemporaryDirectory _data = new();

    private LocalCluster(int storeCount, int replication, string[] storeArguments, string[] directoryArguments)
    {
        for (var i = 1; i <= storeCount; i++)
        {
            var port = FreePorts.Next();
            Stores.Add(new ServerProcess($"store-{i}", ServerProcess.Local(port),
                ["store", "--data", _data.Combine($"store-{i}"), "--port", $"{port}", "--grpc-port", $"{FreePorts.Next()}", .. storeArguments]));
        }
        var directoryPort = FreePorts.Next();
        var cachePort = FreePorts.Next();
        List<string> directory =
        [
            "directory", "--state", _data.Combine("directory", "volumes.json"), "--port", $"{directoryPort}",
            "--grpc-port", $"{FreePorts.Next()}", "--replication", $"{replication}", "--cache", $"http://127.0.0.1:{cachePort}",
            .. directoryArguments,
        ];
        foreach (var store in Stores)
        {
            directory.AddRange(["--store", store.Url.GetLeftPart(UriPartial.Authority)]);
        }
        Directory = new ServerProcess("directory", ServerProcess.Local(directoryPort), [.. directory]);
        Cache = new ServerProcess("cache", ServerProcess.Local(cachePort),
            "cache", "--port", $"{cachePort}", "--directory", $"http://127.0.0.1:{directoryPort}", "--node", $"http://127.0.0.1:{cachePort}");
    }

    public List<ServerProcess> Stores { get; } = [];

    public ServerProcess Directory { get; }

    public ServerProcess Cache { get; }

    public HttpClient Http { get; } = HaystackExecutable.Client(TimeSpan.FromSeconds(30));

    /// <summary>The folder holding store-N/ and directory/ (for the tools that read volume files).</summary>
    public string DataPath => _data.Path;

    /// <summary>Starts the cluster; <paramref name="storeArguments"/> and <paramref name="directoryArguments"/> go to every store and the directory.</summary>
    public static async Task<LocalCluster> StartAsync(int stores, int replication, string[]? storeArguments = null, string[]? directoryArguments = null)
    {
        var cluster = new LocalCluster(stores, replication, storeArguments ?? [], directoryArguments ?? []);
        try
        {
            cluster.Stores.ForEach(store => store.Start());
            await Task.WhenAll(cluster.Stores.Select(store => store.WaitReadyAsync()));
            cluster.Directory.Start();
            await cluster.Directory.WaitReadyAsync();
            cluster.Cache.Start();
            await cluster.Cache.WaitReadyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>POST /upload to the directory; fails the test with the directory's answer unless 201.</summary>
    public async Task<StoredPhoto> UploadAsync(byte[] data, string contentType = "image/jpeg")
    {
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new(contentType);
        using var response = await Http.PostAsync(new Uri(Directory.Url, "upload"), content);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {body}\n--- directory log\n{Directory.Output}");
        }
        using var json = JsonDocument.Parse(body);
        return new StoredPhoto(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("url").GetString()!, data);
    }

    /// <summary>The store URLs (scheme://host:port) the directory names for a photo's volume.</summary>
    public async Task<IReadOnlyList<string>> ReplicasOfAsync(string photoId)
    {
        var lookup = await Http.GetFromJsonAsync<JsonElement>(new Uri(Directory.Url, $"dir/lookup?id={Uri.EscapeDataString(photoId)}"));
        return [.. lookup.GetProperty("locations").EnumerateArray().Select(location => location.GetProperty("url").GetString()!.TrimEnd('/'))];
    }

    /// <summary>Every server's output, for assertion messages.</summary>
    public string Logs => string.Join("\n", Stores.Append(Directory).Append(Cache).Select(server => $"--- {server.Name}\n{server.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Stores.Append(Directory).Append(Cache))
        {
            await server.DisposeAsync();
        }
        Http.Dispose();
        _data.Dispose();
    }
}
