using Haystack.Storage;
using Microsoft.Extensions.Logging;

namespace Haystack.Store.Tests.Support;

/// <summary>A real Store on 127.0.0.1 with ports picked by the OS, over a fresh temporary directory.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    public const int MaxNeedleBytes = 1024 * 1024;

    private bool _stopped;

    private TestStore(StoreServer server, string dataDirectory, bool ownsDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
        Http = new HttpClient { BaseAddress = server.HttpAddress };
    }

    public StoreServer Server { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    private bool OwnsDirectory { get; }

    /// <summary>Starts a store and waits until its volumes are open; creates <paramref name="volumes"/> first.</summary>
    public static async Task<TestStore> StartAsync(
        uint[]? volumes = null, string? dataDirectory = null, Func<StoreOptions, StoreOptions>? configure = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("haystack-store-test-").FullName;
        var options = new StoreOptions
        {
            DataDirectory = dataDirectory,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            VolumesToCreate = volumes ?? [1],
            Volume = new VolumeOptions { MaxNeedleDataBytes = MaxNeedleBytes, SizeLimitBytes = 64L * 1024 * 1024, PreallocationStepBytes = 1024 * 1024 },
        };
        options = configure?.Invoke(options) ?? options;
        var server = StoreServer.Create(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await server.StartAsync(CancellationToken.None);
        await server.Loaded;
        return new TestStore(server, dataDirectory, ownsDirectory);
    }

    public string DataFile(uint volumeId) => new VolumePaths(DataDirectory, new VolumeId(volumeId)).Data;

    /// <summary>Stops the server but keeps the directory (the engine locks its files while they are open).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (OwnsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
