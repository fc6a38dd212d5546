using System.Diagnostics;
using System.Net;
using Haystack.Cache;
using Haystack.Directory;
using Haystack.Storage;
using Haystack.Store;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>
/// Two stores, a directory (replication 2) and a cache in this process on 127.0.0.1, each with the telemetry setup the
/// binary uses and its own trace sample ratio. The in-memory exporter hangs off the directory's tracer provider;
/// providers in one process see every span, so it receives the stores' and the cache's spans too.
/// </summary>
public sealed class TracedCluster : IAsyncDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() });
    private readonly List<string> _folders = [];
    private readonly List<StoreServer> _stores = [];
    private DirectoryServer? _directory;
    private CacheServer? _cache;

    public ExportedSpans Spans { get; } = new();

    public IReadOnlyList<StoreServer> Stores => _stores;

    public DirectoryServer Directory => _directory!;

    public CacheServer Cache => _cache!;

    /// <summary>
    /// Sends <paramref name="request"/> as a client outside the cluster would: without a span of this process around it
    /// and with only the trace context headers the request carries, so the servers decide whether it starts a trace.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        // The servers' HttpClient instrumentation sees this process's client calls too; the scope keeps it off this one.
        using (SuppressInstrumentationScope.Begin())
        {
            return await _client.SendAsync(request);
        }
    }

    public static async Task<TracedCluster> StartAsync(double storeRatio, double directoryRatio, double cacheRatio)
    {
        var cluster = new TracedCluster();
        for (var i = 0; i < 2; i++)
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("haystack-telemetry-store-").FullName;
            cluster._folders.Add(folder);
            var store = StoreServer.Create(new StoreOptions
            {
                DataDirectory = folder,
                HttpPort = 0,
                GrpcPort = 0,
                LoopbackOnly = true,
                Volume = new VolumeOptions { SizeLimitBytes = 16L * 1024 * 1024, PreallocationStepBytes = 0 },
                Telemetry = new TelemetryOptions { TraceSampleRatio = storeRatio, Enabled = true },
            }, Quiet);
            cluster._stores.Add(store);
            await store.StartAsync(CancellationToken.None);
            await store.Loaded;
        }

        var state = System.IO.Directory.CreateTempSubdirectory("haystack-telemetry-directory-").FullName;
        cluster._folders.Add(state);
        cluster._directory = await DirectoryServer.CreateAsync(new DirectoryOptions
        {
            StateFile = Path.Combine(state, "volumes.json"),
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Stores = [.. cluster._stores.Select(s => s.HttpAddress)],
            Replication = 2,
            WritableVolumes = 1,
            ProbeInterval = TimeSpan.FromHours(1),
            Telemetry = new TelemetryOptions
            {
                TraceSampleRatio = directoryRatio,
                Enabled = true,
                SpanProcessors = [new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(cluster.Spans))],
            },
        }, configureLogging: Quiet);
        await cluster._directory.StartAsync(CancellationToken.None);
        await cluster._directory.Maintenance.FirstRound;

        cluster._cache = CacheServer.Create(new CacheOptions
        {
            DirectoryUrl = cluster._directory.HttpAddress,
            Port = 0,
            LoopbackOnly = true,
            CapacityBytes = 16L * 1024 * 1024,
            Telemetry = new TelemetryOptions { TraceSampleRatio = cacheRatio, Enabled = true },
        }, Quiet);
        await cluster._cache.StartAsync(CancellationToken.None);
        return cluster;
    }

    /// <summary>Uploads through the directory; returns the photo id.</summary>
    public async Task<string> UploadAsync(byte[] data)
    {
        using var content = new ByteArrayContent(data);
        content.Headers.TryAddWithoutValidation("Content-Type", "image/jpeg");
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Directory.HttpAddress, "/upload")) { Content = content });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_cache is not null)
        {
            await _cache.DisposeAsync();
        }
        if (_directory is not null)
        {
            await _directory.DisposeAsync();
        }
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        foreach (var folder in _folders)
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Critical);
}
