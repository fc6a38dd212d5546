using Haystack.Storage;
using Haystack.Store;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Tests.Support;

/// <summary>A real Store server on 127.0.0.1 over a temporary directory; can be stopped and restarted on the same port.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly long _volumeSizeLimitBytes;
    private StoreServer? _server;

    private TestStore(string dataDirectory, long volumeSizeLimitBytes)
    {
        _dataDirectory = dataDirectory;
        _volumeSizeLimitBytes = volumeSizeLimitBytes;
    }

    /// <summary>The HTTP base URL; stays the same across a restart.</summary>
    public Uri Url { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public static async Task<TestStore> StartAsync(uint[]? volumes = null, long volumeSizeLimitBytes = 16L * 1024 * 1024)
    {
        var store = new TestStore(System.IO.Directory.CreateTempSubdirectory("haystack-directory-store-").FullName, volumeSizeLimitBytes);
        await store.RunAsync(0, volumes ?? []);
        return store;
    }

    /// <summary>Stops the server; its files stay for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public Task RestartAsync() => RunAsync(Url.Port, []);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        System.IO.Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task RunAsync(int port, uint[] volumes)
    {
        var options = new StoreOptions
        {
            DataDirectory = _dataDirectory,
            HttpPort = port,
            GrpcPort = 0,
            LoopbackOnly = true,
            VolumesToCreate = volumes,
            Volume = new VolumeOptions { MaxNeedleDataBytes = 1024 * 1024, SizeLimitBytes = _volumeSizeLimitBytes, PreallocationStepBytes = 0 },
        };
        _server = StoreServer.Create(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await _server.StartAsync(CancellationToken.None);
        await _server.Loaded;
        Url = _server.HttpAddress;
    }
}
