using System.Net;
using System.Text.RegularExpressions;
using Haystack.Kubernetes.Fake;
using Haystack.Operator.Api;
using Haystack.Operator.Controller;
using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Operator.Hosting;
using Haystack.Operator.Reconciliation;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>
/// The operator's listener and controller (leading, as with --leader-elect=false) against the in-process fake API
/// server, after it reconciled the minimal sample cluster: the operator's /metrics as a scraper sees it.
/// </summary>
public sealed partial class ReconcilingOperator : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private FakeApiServer? _server;
    private IKubernetes? _client;
    private WebApplication? _listener;
    private Task _running = Task.CompletedTask;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "haystackclusters", HaystackApi.ClusterKind, namespaced: true, hasStatus: true);
        _server.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "volumes", HaystackApi.VolumeKind, namespaced: true, hasStatus: true);
        _client = _server.CreateClient();
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "haystack_v1alpha1_haystackcluster_minimal.yaml");
        await _client.CreateAsync(HaystackResourceKinds.Clusters, ClusterManifest.Read(await File.ReadAllTextAsync(sample), sample), "default");

        _listener = OperatorListener.Create(new IPEndPoint(IPAddress.Loopback, 0), new TelemetryOptions { Enabled = true });
        await _listener.StartAsync();
        Http.BaseAddress = new Uri(_listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var loggers = _listener.Services.GetRequiredService<ILoggerFactory>();
        var metrics = _listener.Services.GetRequiredService<OperatorMetrics>();
        var readiness = _listener.Services.GetRequiredService<OperatorReadiness>();
        var reconciler = new HaystackClusterReconciler(_client, TimeProvider.System, loggers) { Metrics = metrics };
        var controller = new HaystackClusterController(_client, reconciler, TimeProvider.System, loggers.CreateLogger<HaystackClusterController>())
        {
            Metrics = metrics,
            Readiness = readiness,
        };
        readiness.StartedLeading();
        _running = controller.RunAsync(_stop.Token);

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        // Its children's watch events bring the cluster back, so it may have been reconciled more than once by now.
        while (!Reconciled().IsMatch(await ScrapeAsync()))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), patience.Token);
        }
    }

    [GeneratedRegex("""^haystack_operator_reconciles_total\{[^}]*result="success"[^}]*\} [1-9]""", RegexOptions.Multiline)]
    private static partial Regex Reconciled();

    public Task<string> ScrapeAsync() => Http.GetStringAsync("/metrics");

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Http.Dispose();
        _stop.Dispose();
    }
}
