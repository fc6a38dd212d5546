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
    private readonly CancellationTokenSource stop = new();
    private FakeApiServer? server;
    private IKubernetes? client;
    private WebApplication? listener;
    private Task running = Task.CompletedTask;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        server = await FakeApiServer.StartAsync();
        server.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "haystackclusters", HaystackApi.ClusterKind, namespaced: true, hasStatus: true);
        server.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "volumes", HaystackApi.VolumeKind, namespaced: true, hasStatus: true);
        client = server.CreateClient();
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "haystack_v1alpha1_haystackcluster_minimal.yaml");
        await client.CreateAsync(HaystackResourceKinds.Clusters, ClusterManifest.Read(await File.ReadAllTextAsync(sample), sample), "default");

        listener = OperatorListener.Create(new IPEndPoint(IPAddress.Loopback, 0), new TelemetryOptions { Enabled = true });
        await listener.StartAsync();
        Http.BaseAddress = new Uri(listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var loggers = listener.Services.GetRequiredService<ILoggerFactory>();
        var metrics = listener.Services.GetRequiredService<OperatorMetrics>();
        var readiness = listener.Services.GetRequiredService<OperatorReadiness>();
        var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, loggers) { Metrics = metrics };
        var controller = new HaystackClusterController(client, reconciler, TimeProvider.System, loggers.CreateLogger<HaystackClusterController>())
        {
            Metrics = metrics,
            Readiness = readiness,
        };
        readiness.StartedLeading();
        running = controller.RunAsync(stop.Token);

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
        await stop.CancelAsync();
        await running;
        if (listener is not null)
        {
            await listener.DisposeAsync();
        }
        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        Http.Dispose();
        stop.Dispose();
    }
}
