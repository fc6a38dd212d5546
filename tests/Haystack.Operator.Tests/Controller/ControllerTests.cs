using Microsoft.Extensions.Logging;
using Haystack.Operator.Api;
using k8s;
using k8s.Models;
using Haystack.Operator.Controller;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Controller;

/// <summary>
/// The whole loop (watches, work queue, workers, reconciler, real client) against the fake API server.
/// Waits are bounded liveness checks (fail after a minute), never timing assertions.
/// </summary>
public sealed class ControllerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Cluster_converges_turns_ready_and_follows_spec_changes()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        using var stop = new CancellationTokenSource();
        var controller = new HaystackClusterController(fixture.Client, fixture.Reconciler, TimeProvider.System, fixture.Loggers.CreateLogger<HaystackClusterController>()) { Namespace = "haystack" };
        var running = controller.RunAsync(stop.Token);
        await fixture.Server.WaitForWatchesAsync(1 + HaystackClusterController.OwnedKinds.Count, new CancellationTokenSource(Patience).Token);

        await fixture.CreateClusterAsync();
        await WaitForAsync(fixture, c => Condition(c, ConditionTypes.Reconciled) == "True" && c.Status!.ObservedGeneration == 1);

        // A whole writable volume, then ready pods as the kubelet and the workload controllers report them;
        // the owned-object watch brings the operator back.
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);
        await fixture.MarkEveryPodReadyAsync();
        await WaitForAsync(fixture, c => Condition(c, ConditionTypes.Ready) == "True");

        var cluster = await fixture.GetClusterAsync();
        cluster.Spec.Store.Replicas = 4;
        await fixture.Client.ReplaceAsync(HaystackResourceKinds.Clusters, cluster, "photos", "haystack");
        await WaitForAsync(fixture, c => c.Status!.ObservedGeneration == 2 && Condition(c, ConditionTypes.Ready) == "False");
        var store = await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack");
        Assert.Equal(4, store.Spec!.Replicas);

        // Stopped first: the fake cascades only at the moment of deletion, while a real garbage collector
        // also removes a child that a reconcile still in flight recreates for the vanished owner.
        await stop.CancelAsync();
        await running;
        await fixture.Client.DeleteAsync(HaystackResourceKinds.Clusters, "photos", "haystack");
        foreach (var (kind, name) in OperatorFixture.ExpectedChildren)
        {
            Assert.False(await fixture.ExistsAsync(kind, name), $"{kind.Kind} {name} survived the cluster");
        }
        Assert.DoesNotContain(fixture.Log.GetSnapshot(), record => record.Message.Contains("failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleted_child_is_recreated()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        using var stop = new CancellationTokenSource();
        var controller = new HaystackClusterController(fixture.Client, fixture.Reconciler, TimeProvider.System, fixture.Loggers.CreateLogger<HaystackClusterController>());
        var running = controller.RunAsync(stop.Token);
        await fixture.CreateClusterAsync();
        await WaitForAsync(fixture, c => Condition(c, ConditionTypes.Reconciled) == "True");

        await fixture.Client.CoreV1.DeleteNamespacedServiceAsync("photos-directory", "haystack");

        using var patience = new CancellationTokenSource(Patience);
        while (!await fixture.ExistsAsync(ChildKind.Service, "photos-directory"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
        await stop.CancelAsync();
        await running;
    }

    private static string? Condition(V1Alpha1HaystackCluster cluster, string type) =>
        ConditionList.Find(cluster.Status?.Conditions, type)?.Status;

    private static async Task WaitForAsync(OperatorFixture fixture, Func<V1Alpha1HaystackCluster, bool> done)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var cluster = await fixture.GetClusterAsync();
            if (cluster.Status is not null && done(cluster))
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
