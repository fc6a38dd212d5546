using Haystack.Storage;
using Haystack.Store;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Tests.Support;

/// <summary>A real Store on 127.0.0.1 (ports picked by the OS) over a temporary directory, holding volume 1.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly bool _ownsDirectory;
    private bool _stopped;

    private TestStore(StoreServer server, string dataDirectory, bool ownsDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Http = new HttpClient { BaseAddress = server.HttpAddress };
    }

    public StoreServer Server { get; }

    public Uri Address => Server.HttpAddress;

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public static async Task<TestStore> StartAsync(string? dataDirectory = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("haystack-cache-test-").FullName;
        var options = new StoreOptions
        {
            DataDirectory = dataDirectory,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            VolumesToCreate = [1],
            Volume = new VolumeOptions { MaxNeedleDataBytes = 1024 * 1024, SizeLimitBytes = 64L * 1024 * 1024, PreallocationStepBytes = 1024 * 1024 },
        };
        var server = StoreServer.Create(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await server.StartAsync(CancellationToken.None);
        await server.Loaded;
        return new TestStore(server, dataDirectory, ownsDirectory);
    }

    public string DataFile(uint volumeId) => new VolumePaths(DataDirectory, new VolumeId(volumeId)).Data;

    public async Task PutAsync(string photoId, byte[] data, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await Http.PutAsync($"/{photoId}", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops serving but keeps the directory, so a restart can reopen it.</summary>
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
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
