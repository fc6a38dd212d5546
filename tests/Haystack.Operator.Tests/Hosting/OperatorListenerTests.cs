using System.Globalization;
using System.Net;
using Haystack.Operator.Controller;
using Haystack.Operator.Hosting;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Support;
using Haystack.Telemetry;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Tests.Hosting;

/// <summary>The operator's /healthz, /readyz and /metrics with a real election and controller on the fake API server.</summary>
public sealed class OperatorListenerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Readyz_answers_503_before_leadership_and_200_once_the_leader_runs_its_controller()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await using var listener = await StartListenerAsync();
        using var http = new HttpClient { BaseAddress = Address(listener) };
        using var stop = new CancellationTokenSource();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var before = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("no leader", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var run = RunAsync(fixture, listener, "operator-a", stop.Token);
        await WaitUntilAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, Sample(await http.GetStringAsync("/metrics"), "haystack_operator_leader"));

        await stop.CancelAsync();
        Assert.False(await run);
    }

    [Fact]
    public async Task A_standby_that_sees_the_leader_is_ready_and_reports_that_it_does_not_lead()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await using var leader = await StartListenerAsync();
        await using var standby = await StartListenerAsync();
        using var http = new HttpClient { BaseAddress = Address(standby) };
        using var stop = new CancellationTokenSource();

        var leading = RunAsync(fixture, leader, "operator-a", stop.Token);
        await WaitUntilAsync(() => Task.FromResult(leader.Services.GetRequiredService<OperatorReadiness>().IsReady));
        var waiting = RunAsync(fixture, standby, "operator-b", stop.Token);
        await WaitUntilAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);

        Assert.Equal("operator-a", standby.Services.GetRequiredService<OperatorReadiness>().Leader);
        Assert.Equal(0, Sample(await http.GetStringAsync("/metrics"), "haystack_operator_leader"));
        await stop.CancelAsync();
        Assert.False(await leading);
        Assert.False(await waiting);
    }

    [Fact]
    public async Task A_reconcile_moves_the_reconcile_counters_and_reports_the_cluster_volumes()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await using var listener = await StartListenerAsync();
        using var http = new HttpClient { BaseAddress = Address(listener) };
        Assert.Equal(0, Sample(await http.GetStringAsync("/metrics"), "haystack_operator_reconciles_total", Success));

        await fixture.CreateClusterAsync();
        await Reconciler(fixture, listener).ReconcileAsync("haystack", "photos", CancellationToken.None);

        // The exporter serves a scrape again for 300 ms, so the first one after the reconcile may still be the old one.
        var after = "";
        await WaitUntilAsync(async () => Sample(after = await http.GetStringAsync("/metrics"), "haystack_operator_reconciles_total", Success) > 0);
        Assert.Equal(1, Sample(after, "haystack_operator_reconciles_total", Success));
        Assert.Equal(1, Sample(after, "haystack_operator_reconcile_duration_seconds_count", Success));
        Assert.Equal(0, Sample(after, "haystack_operator_reconciles_total", "result=\"error\""));
        Assert.Equal(0, Sample(after, "haystack_operator_reconcile_errors_total", "step=\"api\""));
        Assert.Equal(0, Sample(after, "haystack_operator_volumes", "cluster=\"photos\"", "namespace=\"haystack\"", "phase=\"writable\""));
        Assert.Equal(0, Sample(after, "haystack_operator_workqueue_depth"));
    }

    private static readonly string[] Success = ["kind=\"HaystackCluster\"", "result=\"success\""];

    /// <summary>The value of the first sample of <paramref name="name"/> that carries every label given, null when there is none.</summary>
    private static double? Sample(string exposition, string name, params string[] labels)
    {
        var line = exposition.Split('\n').FirstOrDefault(line => line.StartsWith(name + "{", StringComparison.Ordinal) &&
            labels.All(label => line.Contains(label, StringComparison.Ordinal)));
        return line is null ? null : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task<WebApplication> StartListenerAsync()
    {
        var listener = OperatorListener.Create(new IPEndPoint(IPAddress.Loopback, 0), new TelemetryOptions { Enabled = true });
        await listener.StartAsync();
        return listener;
    }

    private static Uri Address(WebApplication listener) =>
        new(listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    private static HaystackClusterReconciler Reconciler(OperatorFixture fixture, WebApplication listener) =>
        new(fixture.Client, TimeProvider.System, fixture.Loggers) { Metrics = listener.Services.GetRequiredService<OperatorMetrics>() };

    private static HaystackClusterController Controller(OperatorFixture fixture, WebApplication listener) =>
        new(fixture.Client, Reconciler(fixture, listener), TimeProvider.System, fixture.Loggers.CreateLogger<HaystackClusterController>())
        {
            Namespace = "haystack",
            Metrics = listener.Services.GetRequiredService<OperatorMetrics>(),
            Readiness = listener.Services.GetRequiredService<OperatorReadiness>(),
        };

    /// <summary>Runs the listener's controller while it leads, its readiness following the election.</summary>
    private static Task<bool> RunAsync(OperatorFixture fixture, WebApplication listener, string identity, CancellationToken cancellationToken)
    {
        var lease = new LeaseLock(fixture.Client, "haystack", "haystack-operator", identity);
        var elector = new LeaderElector(new LeaderElectionConfig(lease)
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(100),
        });
        listener.Services.GetRequiredService<OperatorReadiness>().Follow(elector);
        return LeaderOnlyRunner.RunAsync(elector, lease, Controller(fixture, listener).RunAsync, cancellationToken);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!await done())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
