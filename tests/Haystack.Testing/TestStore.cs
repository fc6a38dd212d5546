using Haystack.Storage;
using Haystack.Store;
using Microsoft.Extensions.Logging;

namespace Haystack.Testing;

/// <summary>
/// A real Store server on 127.0.0.1 (ports picked by the OS) over a temporary directory, or one the test
/// owns. It can be stopped and started again on the same HTTP port, over the same files.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const int MaxNeedleBytes = 1024 * 1024;

    private readonly bool _ownsDirectory;
    private StoreOptions _options;
    private bool _running;

    private TestStore(StoreOptions options, bool ownsDirectory)
    {
        _options = options;
        _ownsDirectory = ownsDirectory;
    }

    /// <summary>The server last started; stays the same object after <see cref="StopAsync"/>.</summary>
    public StoreServer Server { get; private set; } = null!;

    /// <summary>The HTTP base URL; stays the same across <see cref="RestartAsync"/>.</summary>
    public Uri Url => Server.HttpAddress;

    public string DataDirectory => _options.DataDirectory;

    /// <summary>Addressed to <see cref="Url"/>; lives until the store is disposed.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// Starts a store and waits until its volumes are open; creates <paramref name="volumes"/> (volume 1
    /// unless told) first. <paramref name="configure"/> changes the options before the start.
    /// </summary>
    public static async Task<TestStore> StartAsync(
        uint[]? volumes = null, string? dataDirectory = null, Func<StoreOptions, StoreOptions>? configure = null)
    {
        var ownsDirectory = dataDirectory is null;
        var options = new StoreOptions
        {
            DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("haystack-test-store-").FullName,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            VolumesToCreate = volumes ?? [1],
            Volume = new VolumeOptions { MaxNeedleDataBytes = MaxNeedleBytes, SizeLimitBytes = 64L * 1024 * 1024, PreallocationStepBytes = 1024 * 1024 },
        };
        var store = new TestStore(configure?.Invoke(options) ?? options, ownsDirectory);
        await store.RunAsync();
        store.Http = new HttpClient { BaseAddress = store.Url };
        return store;
    }

    public string DataFile(uint volumeId) => new VolumePaths(DataDirectory, new VolumeId(volumeId)).Data;

    public async Task PutAsync(string photoId, byte[] data, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await Http.PutAsync($"/{photoId}", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops the server but keeps the directory (the engine locks its files while they are open).</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }
        _running = false;
        await Server.DisposeAsync();
    }

    /// <summary>Starts the stopped server again on the same HTTP port, over the same files, creating no volume.</summary>
    public Task RestartAsync()
    {
        _options = _options with { HttpPort = Url.Port, VolumesToCreate = [] };
        return RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private async Task RunAsync()
    {
        Server = StoreServer.Create(_options, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await Server.StartAsync(CancellationToken.None);
        _running = true;
        await Server.Loaded;
    }
}
