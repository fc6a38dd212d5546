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
    private readonly HttpClient client = new(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() });
    private readonly List<string> folders = [];
    private readonly List<StoreServer> stores = [];
    private DirectoryServer? directory;
    private CacheServer? cache;

    public ExportedSpans Spans { get; } = new();

    public IReadOnlyList<StoreServer> Stores => stores;

    public DirectoryServer Directory => directory!;

    public CacheServer Cache => cache!;

    /// <summary>
    /// Sends <paramref name="request"/> as a client outside the cluster would: without a span of this process around it
    /// and with only the trace context headers the request carries, so the servers decide whether it starts a trace.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        // The servers' HttpClient instrumentation sees this process's client calls too; the scope keeps it off this one.
        using (SuppressInstrumentationScope.Begin())
        {
            return await client.SendAsync(request);
        }
    }

    public static async Task<TracedCluster> StartAsync(double storeRatio, double directoryRatio, double cacheRatio)
    {
        var cluster = new TracedCluster();
        for (var i = 0; i < 2; i++)
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("haystack-telemetry-store-").FullName;
            cluster.folders.Add(folder);
            var store = StoreServer.Create(new StoreOptions
            {
                DataDirectory = folder,
                HttpPort = 0,
                GrpcPort = 0,
                LoopbackOnly = true,
                Volume = new VolumeOptions { SizeLimitBytes = 16L * 1024 * 1024, PreallocationStepBytes = 0 },
                Telemetry = new TelemetryOptions { TraceSampleRatio = storeRatio, Enabled = true },
            }, Quiet);
            cluster.stores.Add(store);
            await store.StartAsync(CancellationToken.None);
            await store.Loaded;
        }

        var state = System.IO.Directory.CreateTempSubdirectory("haystack-telemetry-directory-").FullName;
        cluster.folders.Add(state);
        cluster.directory = await DirectoryServer.CreateAsync(new DirectoryOptions
        {
            StateFile = Path.Combine(state, "volumes.json"),
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Stores = [.. cluster.stores.Select(s => s.HttpAddress)],
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
        await cluster.directory.StartAsync(CancellationToken.None);
        await cluster.directory.Maintenance.FirstRound;

        cluster.cache = CacheServer.Create(new CacheOptions
        {
            DirectoryUrl = cluster.directory.HttpAddress,
            Port = 0,
            LoopbackOnly = true,
            CapacityBytes = 16L * 1024 * 1024,
            Telemetry = new TelemetryOptions { TraceSampleRatio = cacheRatio, Enabled = true },
        }, Quiet);
        await cluster.cache.StartAsync(CancellationToken.None);
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
        client.Dispose();
        if (cache is not null)
        {
            await cache.DisposeAsync();
        }
        if (directory is not null)
        {
            await directory.DisposeAsync();
        }
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
        foreach (var folder in folders)
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Critical);
}
