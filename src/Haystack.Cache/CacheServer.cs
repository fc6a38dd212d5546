using System.Net;
using Haystack.Cache.Http;
using Haystack.Cache.Memory;
using Haystack.Cache.Replicas;
using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache;

/// <summary>
/// One cache node: Kestrel (HTTP/1.1) serving photos from memory or the stores, <c>/stats</c>, <c>/healthz</c>
/// and <c>/readyz</c>. Its place in the hash ring is settled at start, once the port is bound.
/// </summary>
public sealed class CacheServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CacheOptions _options;
    private readonly SocketsHttpHandler _connections;

    private CacheServer(WebApplication app, CacheOptions options, SocketsHttpHandler connections)
    {
        _app = app;
        _options = options;
        _connections = connections;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The bound address, e.g. http://127.0.0.1:7080 (known after <see cref="StartAsync"/>).</summary>
    public Uri Address { get; private set; } = null!;

    public CacheTopology Topology => _app.Services.GetRequiredService<CacheTopology>();

    public static CacheServer Create(CacheOptions options, Action<ILoggingBuilder>? configureLogging = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Per-request framework logs would cost more than serving a hit; keep ASP.NET Core to warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddHaystackTelemetry("haystack-cache", options.Telemetry, TelemetryNames.Cache);
        configureLogging?.Invoke(builder.Logging);
        new KestrelLimits().ApplyTo(builder.WebHost);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            HttpAndGrpcListeners.Bind(kestrel, options.LoopbackOnly, options.Port, HttpProtocols.Http1, options.Tls);
        });

        // One connection pool for stores, peers and the Directory, reaching pods as the host map says (cluster DNS
        // without one); DNS is re-read as pods move.
        var connections = options.Endpoints.CreateHandler(options.ReplicaTimeout);
        connections.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        connections.AutomaticDecompression = DecompressionMethods.None;
        options.TrustedCa?.Apply(connections);
        // Every outgoing call (directory, stores, peers) presents the key, so reads keep working once a read key is set.
        var outgoing = KeyPresenter.Wrap(connections, options.Keys);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CacheStats>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton(_ => new PhotoCache(options.CapacityBytes));
        services.AddSingleton(_ => new DirectoryClient(new HttpClient(outgoing, disposeHandler: false) { Timeout = options.ReplicaTimeout }, options.DirectoryUrl));
        services.AddSingleton<VolumeLocator>();
        services.AddSingleton(provider => new ReplicaHealth(options.ReplicaPenalty, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ProblemReporter>();
        // Per-replica deadlines are set per request; the client itself never gives up on its own.
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ReplicaFetcher>(provider, PeerClient(outgoing)));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<MissCoalescer>(provider,
            provider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        services.AddSingleton<PhotoReader>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<OwnerForwarder>(provider, PeerClient(outgoing)));
        services.AddSingleton(provider =>
        {
            var address = BoundAddress(provider.GetRequiredService<IServer>());
            return CacheTopology.Resolve(options.Nodes, options.Self, address, address.Port);
        });

        var app = builder.Build();
        app.UseRequestFramingCheck();
        app.UseKeyGuard(new KeyCheck(options.Keys), "cache");
        app.UseErrorResponses(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Haystack.Cache.Http"), new ErrorResponseRules("cache"));
        app.Reads().MapMetrics();
        app.MapHealthEndpoints();
        app.MapPhotoEndpoints();
        return new CacheServer(app, options, connections);
    }

    /// <summary>Binds the port and settles this node's place in the ring; throws (stopped again) when the node list does not name it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        Address = BoundAddress(_app.Services.GetRequiredService<IServer>());
        // The instruments observe from creation on; create them with the node, not on the first scrape.
        _ = _app.Services.GetRequiredService<CacheMetrics>();
        try
        {
            _ = Topology;
        }
        catch (ArgumentException)
        {
            await _app.StopAsync(CancellationToken.None);
            throw;
        }
        _app.Logger.LogInformation("Cache node {Self} of {Count} listening on {Address}; Directory {Directory}, {Capacity} bytes",
            Topology.Self, Topology.Ring.Nodes.Count, Address, _options.DirectoryUrl, _options.CapacityBytes);
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
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _connections.Dispose();
    }

    private static HttpClient PeerClient(HttpMessageHandler outgoing) =>
        new(outgoing, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    private static Uri BoundAddress(IServer server)
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The cache has not bound its port yet; call StartAsync first.");
        var address = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new Uri(address.GetLeftPart(UriPartial.Authority));
    }
}
