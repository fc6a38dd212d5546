using System.Net.Http.Headers;
using System.Text.Json;
using Haystack.Cache;
using Haystack.Directory;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Store;
using Microsoft.Extensions.Logging;

namespace Haystack.Tests.Security;

/// <summary>
/// A store, a directory and a cache in this process, all given the same keys (a current and a previous write key, and
/// optionally a read key), with one photo uploaded through the directory with the key.
/// </summary>
public sealed class KeyedCluster : IAsyncDisposable
{
    private readonly string _data = System.IO.Directory.CreateTempSubdirectory("haystack-keys-").FullName;

    private KeyedCluster(AccessKeys keys) => Keys = keys;

    public AccessKeys Keys { get; }

    public StoreServer Store { get; private set; } = null!;

    public DirectoryServer Directory { get; private set; } = null!;

    public CacheServer Cache { get; private set; } = null!;

    public string PhotoId { get; private set; } = null!;

    public uint VolumeId { get; private set; }

    public static byte[] Photo { get; } = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    public static async Task<KeyedCluster> StartAsync(bool withReadKey)
    {
        var cluster = new KeyedCluster(new AccessKeys(AccessKeys.Generate(), AccessKeys.Generate(), withReadKey ? AccessKeys.Generate() : null));
        await cluster.StartServersAsync();
        return cluster;
    }

    /// <summary>A client that presents <paramref name="key"/> on every request (null: none).</summary>
    public static HttpClient Client(string? key)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return http;
    }

    /// <summary>What a refused call must leave alone: the store's volumes and the directory's table, as JSON.</summary>
    public async Task<string> StateAsync()
    {
        using var http = Client(Keys.Current);
        var store = await http.GetStringAsync(new Uri(Store.HttpAddress, "volumes"));
        var table = await http.GetStringAsync(new Uri(Directory.HttpAddress, "volumes"));
        var photo = await http.GetByteArrayAsync(new Uri(Store.HttpAddress, PhotoId));
        Assert.Equal(Photo, photo);
        return $"{store}\n{table}";
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.DisposeAsync();
        await Directory.DisposeAsync();
        await Store.DisposeAsync();
        System.IO.Directory.Delete(_data, recursive: true);
    }

    private async Task StartServersAsync()
    {
        Store = StoreServer.Create(new StoreOptions
        {
            DataDirectory = Path.Combine(_data, "store"),
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Volume = new VolumeOptions { SizeLimitBytes = 64L * 1024 * 1024, PreallocationStepBytes = 1024 * 1024 },
            Keys = Keys,
        }, Quiet);
        await Store.StartAsync(CancellationToken.None);
        await Store.Loaded;
        // The directory creates its writable volume on the store: that call works only if it presents the key.
        Directory = await DirectoryServer.CreateAsync(new DirectoryOptions
        {
            StateFile = Path.Combine(_data, "directory", "volumes.json"),
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Stores = [new Uri(Store.HttpAddress, "/")],
            Replication = 1,
            WritableVolumes = 1,
            ProbeInterval = TimeSpan.FromHours(1),
            Keys = Keys,
        }, Quiet);
        await Directory.StartAsync(CancellationToken.None);
        await Directory.Maintenance.FirstRound;
        Cache = CacheServer.Create(new CacheOptions { Port = 0, LoopbackOnly = true, DirectoryUrl = Directory.HttpAddress, Keys = Keys }, Quiet);
        await Cache.StartAsync(CancellationToken.None);

        using var http = Client(Keys.Current);
        using var content = new ByteArrayContent(Photo);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var response = await http.PostAsync(new Uri(Directory.HttpAddress, "upload"), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"upload with the key answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        PhotoId = json.RootElement.GetProperty("id").GetString()!;
        VolumeId = json.RootElement.GetProperty("volume").GetUInt32();
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Critical);
}
