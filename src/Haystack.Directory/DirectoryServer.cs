using Haystack.Directory.Http;
using Haystack.Directory.Photos;
using Haystack.Directory.Repair;
using Haystack.Directory.Rpc;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Hosting;
using Haystack.Hosting.Uploads;
using Haystack.Protocol;
using Haystack.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = Haystack.Protocol.Directory.V1;

namespace Haystack.Directory;

/// <summary>
/// One Directory process: the volume table loaded from its source, the HTTP API and gRPC on Kestrel, and the
/// maintenance loop that probes the stores in the background.
/// </summary>
public sealed class DirectoryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpAndGrpcListeners _listeners;
    private readonly CancellationTokenSource _stopping = new();
    private Task _maintenanceLoop = Task.CompletedTask;
    private Task _followLoop = Task.CompletedTask;

    private DirectoryServer(WebApplication app, HttpAndGrpcListeners listeners)
    {
        _app = app;
        _listeners = listeners;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The bound HTTP address (known after <see cref="StartAsync"/>).</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>The bound gRPC (h2c) address (known after <see cref="StartAsync"/>).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public VolumeTable Table => _app.Services.GetRequiredService<VolumeTable>();

    public VolumeMaintenance Maintenance => _app.Services.GetRequiredService<VolumeMaintenance>();

    public KeySequence Keys => _app.Services.GetRequiredService<KeySequence>();

    /// <summary>
    /// Loads the table from the storage <paramref name="storage"/> makes (by default <see cref="DirectoryStorage.For"/>:
    /// the state file, or the Kubernetes resources).
    /// </summary>
    public static async Task<DirectoryServer> CreateAsync(
        DirectoryOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        Func<ILoggerFactory, DirectoryStorage>? storage = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // One line per request would drown the state changes; ASP.NET's own warnings still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddHaystackTelemetry("haystack-directory", options.Telemetry, TelemetryNames.Directory);
        configureLogging?.Invoke(builder.Logging);
        var listeners = new HttpAndGrpcListeners("directory");
        new KestrelLimits { MaxConnections = options.MaxConnections }.ApplyTo(builder.WebHost);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Uploads are buffered whole before any replica is written; the gRPC message adds a little framing.
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + (64L * 1024);
            listeners.Listen(kestrel, options.LoopbackOnly, options.HttpPort, options.GrpcPort, options.Tls);
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        AddServices(builder.Services, options, storage ?? (loggers => DirectoryStorage.For(options, loggers)));

        var app = builder.Build();
        await app.Services.GetRequiredService<VolumeTable>().LoadAsync(cancellationToken);
        app.UseRequestFramingCheck();
        app.UseUnknownMethodStatus();
        app.UseKeyGuard(new KeyCheck(options.Keys), "directory");
        app.UseErrorResponses(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Haystack.Directory.Http"),
            HttpFailureStatus.Rules(app.Services.GetRequiredService<DirectoryStats>()));
        app.Reads().MapMetrics();
        app.MapHealthEndpoints();
        app.MapUploadEndpoint();
        app.MapLookupEndpoints();
        app.MapVolumeEndpoints();
        app.MapPhotoEndpoints();
        app.MapGrpcEndpoints<DirectoryGrpcService>(options.UploadStallLimit);
        return new DirectoryServer(app, listeners);
    }

    /// <summary>Binds both ports, then starts the maintenance loop (its first round runs at once).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        HttpAddress = _listeners.HttpAddress;
        GrpcAddress = _listeners.GrpcAddress;
        // The gauges observe from start-up on, not from the first upload.
        _ = _app.Services.GetRequiredService<DirectoryMetrics>();
        _maintenanceLoop = Task.Run(() => Maintenance.RunAsync(_stopping.Token), CancellationToken.None);
        _followLoop = Task.Run(() => Table.FollowAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Runs until the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop by the caller: the orderly shutdown happens in DisposeAsync.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _maintenanceLoop;
        await _followLoop;
        await Table.SaveFiguresAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>Calls to stores and caches: connect bounded, the CA of <c>--tls-ca</c> trusted, the key presented.</summary>
    private static HttpMessageHandler StoreHandler(DirectoryOptions options)
    {
        var handler = options.Endpoints.CreateHandler(TimeSpan.FromSeconds(Math.Min(2, options.StoreTimeout.TotalSeconds)));
        options.TrustedCa?.Apply(handler);
        return KeyPresenter.Wrap(handler, options.Keys);
    }

    private static void AddServices(IServiceCollection services, DirectoryOptions options, Func<ILoggerFactory, DirectoryStorage> storage)
    {
        services.AddSingleton(options);
        services.AddSingleton(new UploadMemoryBudget(options.UploadBudgetInForceBytes, options.UploadMemoryWait, "directory"));
        services.AddSingleton(s => storage(s.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(s => new VolumeTable(s.GetRequiredService<DirectoryStorage>().Table));
        services.AddSingleton(s => new KeySequence(s.GetRequiredService<DirectoryStorage>().Keys));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new PhotoUrls(options.Caches.Count == 0 ? null : new CacheNodeRing(options.Caches)));
        services.AddSingleton(new StoreHealth(options.Stores));
        services.AddSingleton(_ => new HttpClient(StoreHandler(options)) { Timeout = Timeout.InfiniteTimeSpan });
        services.AddSingleton(s => new StoreClient(s.GetRequiredService<HttpClient>(), options.StoreTimeout));
        services.AddSingleton<DirectoryStats>();
        services.AddSingleton<DirectoryMetrics>();
        services.AddSingleton<VolumeLoad>();
        services.AddSingleton<VolumeTransitions>();
        services.AddSingleton<VolumeGrowth>();
        services.AddSingleton<ReplicaRepairer>();
        services.AddSingleton<VolumeMaintenance>();
        services.AddSingleton<WritableVolumeChooser>();
        services.AddSingleton<PhotoUploader>();
        services.AddSingleton<PhotoAssigner>();
        services.AddSingleton<CacheInvalidator>();
        services.AddSingleton<PhotoDeleter>();
        services.AddSingleton<ReplicaReports>();
        services.AddSingleton<DirectoryGrpcService>();
        // An upload message carries the photo and a little framing.
        services.AddGrpcEndpoints<DirectoryReadinessCheck>(V1.Directory.Descriptor.FullName, options.MaxUploadBytes + (64 * 1024), DirectoryGrpcService.Translate);
    }
}
