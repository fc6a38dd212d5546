using Haystack.Hosting;
using Haystack.Hosting.Uploads;
using Haystack.Protocol;
using Haystack.Store.Http;
using Haystack.Store.Rpc;
using Haystack.Store.Scrub;
using Haystack.Store.Stats;
using Haystack.Storage;
using Haystack.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Store;

/// <summary>
/// One Store process: Kestrel with an HTTP/1.1 port (needles, administration, stats) and an HTTP/2 cleartext
/// port (gRPC), over the volumes of one directory. Volumes open in the background after the ports are bound,
/// so /healthz answers at once and /readyz turns ready when every volume is open.
/// </summary>
public sealed class StoreServer : IAsyncDisposable
{
    /// <summary>Per-connection response buffer: photos and thumbnails fit; larger needles stream with backpressure.</summary>
    public const int ResponseBufferBytes = 256 * 1024;

    private readonly WebApplication _app;
    private readonly HttpAndGrpcListeners _listeners;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loading = Task.CompletedTask;
    private Task _scrubbing = Task.CompletedTask;

    private StoreServer(WebApplication app, HttpAndGrpcListeners listeners)
    {
        _app = app;
        _listeners = listeners;
    }

    public IServiceProvider Services => _app.Services;

    public VolumeSet Volumes => _app.Services.GetRequiredService<VolumeSet>();

    /// <summary>The bound HTTP address, e.g. http://127.0.0.1:8080 (known after <see cref="StartAsync"/>).</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>The bound gRPC (h2c) address (known after <see cref="StartAsync"/>).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>Completes when every volume found at start-up is open.</summary>
    public Task Loaded => _loading;

    public static StoreServer Create(StoreOptions options, Action<ILoggingBuilder>? configureLogging = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Per-request framework logs would cost more than serving a needle; keep ASP.NET Core to warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddHaystackTelemetry("haystack-store", options.Telemetry, TelemetryNames.Store, StorageMetrics.MeterName);
        configureLogging?.Invoke(builder.Logging);
        // Requests run on the thread that read them instead of being queued to the thread pool: a page-cached GET then
        // costs no thread switch. Safe because handlers do not block: disk reads that must wait go to the pool (see
        // Volume.ReadAsync) and slow administration runs there explicitly.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        var listeners = new HttpAndGrpcListeners("store");
        new KestrelLimits { MaxConnections = options.MaxConnections, MinBodyRate = new MinDataRate(options.MinUploadBytesPerSecond, options.MinUploadGracePeriod) }.ApplyTo(builder.WebHost);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // HTTP uploads are held to the needle limit by the upload reader (413); Grpc.AspNetCore lifts this bound for
            // its calls and holds each message to MaxGrpcMessageBytes itself (GrpcEndpoints).
            kestrel.Limits.MaxRequestBodySize = options.MaxGrpcMessageBytes;
            // A whole photo fits the response buffer, so it leaves in one send instead of waiting on backpressure midway.
            kestrel.Limits.MaxResponseBufferSize = ResponseBufferBytes;
            listeners.Listen(kestrel, options.LoopbackOnly, options.HttpPort, options.GrpcPort, options.Tls);
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new UploadMemoryBudget(options.UploadBudgetInForceBytes, options.UploadMemoryWait, "store"));
        builder.Services.AddSingleton<VolumeSet>();
        builder.Services.AddSingleton<VolumePull>();
        builder.Services.AddSingleton<StoreMetrics>();
        builder.Services.AddSingleton<StoreStats>();
        builder.Services.AddSingleton<StoreScrubber>();
        builder.Services.AddSingleton<PhotoStore>();
        builder.Services.AddSingleton<StoreGrpcService>();
        builder.Services.AddGrpcEndpoints<StoreReadinessCheck>(V1.Store.Descriptor.FullName, options.MaxGrpcMessageBytes, GrpcFailureStatus.Translate);

        var app = builder.Build();
        app.UseRequestFramingCheck();
        app.UseUnknownMethodStatus();
        app.UseKeyGuard(new KeyCheck(options.Keys), "store");
        app.UseErrorResponses(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Haystack.Store.Http"), HttpFailureStatus.Rules);
        app.Reads().MapMetrics();
        app.MapHealthEndpoints();
        app.MapVolumeEndpoints();
        app.MapScrubEndpoints();
        app.MapNeedleRepairEndpoints();
        app.MapNeedleEndpoints();
        app.MapGrpcEndpoints<StoreGrpcService>(options.UploadStallLimit);
        app.MapFallback((HttpContext context) => TypedResults.Json(
            new ErrorBody($"No endpoint {context.Request.Method} {context.Request.Path} on this store; see docs/store-api.md."),
            statusCode: StatusCodes.Status404NotFound)).AllowAnyone();
        return new StoreServer(app, listeners);
    }

    /// <summary>Binds both ports, then opens the volumes in the background (see <see cref="Loaded"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        HttpAddress = _listeners.HttpAddress;
        GrpcAddress = _listeners.GrpcAddress;
        // The volume gauges observe from start-up on, not from the first needle request.
        _ = _app.Services.GetRequiredService<StoreMetrics>();
        _loading = Task.Run(LoadVolumesAsync, CancellationToken.None);
    }

    /// <summary>
    /// Runs until the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires; throws what
    /// made opening the volumes fail, if that is why it stopped.
    /// </summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop by the caller: fall through to the orderly shutdown in DisposeAsync.
        }

        // Stop opening volumes nobody will serve; a load that failed is this store's failure.
        await _stopping.CancelAsync();
        try
        {
            await _loading;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped while volumes were still opening.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        try
        {
            await _loading;
        }
        catch (Exception)
        {
            // Cancelled by the stop above, or failed and already logged and rethrown by WaitForShutdownAsync:
            // either way the volumes that did open are closed below.
        }
        // The scrub ends its step at the cancellation above, before the volumes it reads are closed.
        await _scrubbing;
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    // A store that cannot read its directory must not sit there unready: log why and stop, so the pod restarts.
    private async Task LoadVolumesAsync()
    {
        try
        {
            await Volumes.LoadAsync(_stopping.Token);
            _scrubbing = Task.Run(() => _app.Services.GetRequiredService<StoreScrubber>().RunAsync(_stopping.Token), CancellationToken.None);
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            _app.Services.GetRequiredService<ILogger<StoreServer>>().LogCritical(e, "Opening the volumes failed; the store stops");
            _app.Lifetime.StopApplication();
            throw;
        }
    }
}
