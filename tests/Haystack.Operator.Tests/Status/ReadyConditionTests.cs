using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Support;
using k8s.Models;

namespace Haystack.Operator.Tests.Status;

/// <summary>
/// The Ready and Degraded conditions after a reconcile against the fake API server, with pods and Volumes as the
/// kubelet, scheduler and placement would leave them: Ready only when an upload can succeed, and the message says why not.
/// </summary>
public sealed class ReadyConditionTests
{
    [Fact]
    public async Task Crash_looping_pending_and_not_ready_pods_are_named_in_the_ready_condition()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.CreatePodAsync("photos-store-0", HaystackComponent.Store, ClusterPods.Ready());
        await fixture.CreatePodAsync("photos-store-1", HaystackComponent.Store, ClusterPods.Unschedulable("0/3 nodes are available: 3 Insufficient memory."));
        await fixture.CreatePodAsync("photos-store-2", HaystackComponent.Store, ClusterPods.CrashLoopBackOff());
        await fixture.CreatePodAsync("photos-directory-7d9f5-a1", HaystackComponent.Directory, ClusterPods.RunningNotReady());

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal(("False", ConditionReasons.DirectoryUnavailable), (ready.Status, ready.Reason));
        Assert.Contains("no directory pod available (directory 0/2)", ready.Message);
        Assert.Contains("no writable volume: no volume created yet", ready.Message);
        Assert.Contains("no cache pod ready (cache 0/2)", ready.Message);
        Assert.Contains("photos-store-1: Pending (Unschedulable: 0/3 nodes are available: 3 Insufficient memory.)", ready.Message);
        Assert.Contains("photos-store-2: CrashLoopBackOff (container haystack last exited 1: Error)", ready.Message);
        Assert.Contains("photos-directory-7d9f5-a1: Running, not ready: haystack", ready.Message);
        Assert.DoesNotContain("photos-store-0", ready.Message);
    }

    [Fact]
    public async Task Ready_pods_without_a_volume_are_not_ready_for_uploads()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkEveryPodReadyAsync();

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal(("False", ConditionReasons.NoWritableVolume), (ready.Status, ready.Reason));
        Assert.Equal("no writable volume: no volume created yet. Pods ready: store 3/3, directory 2/2, cache 2/2", ready.Message);
    }

    [Fact]
    public async Task A_volume_with_replicas_still_to_place_is_no_writable_volume()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkEveryPodReadyAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable, placed: 2);
        await fixture.CreateVolumeAsync(2, VolumePhase.ReadOnly);

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal(("False", ConditionReasons.NoWritableVolume), (ready.Status, ready.Reason));
        Assert.StartsWith("no writable volume: photos-1: 2 of 3 replicas placed.", ready.Message);
    }

    [Fact]
    public async Task A_writable_volume_with_a_replica_on_a_crash_looping_pod_takes_no_uploads()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.CreatePodAsync("photos-store-0", HaystackComponent.Store, ClusterPods.Ready());
        await fixture.CreatePodAsync("photos-store-1", HaystackComponent.Store, ClusterPods.Ready());
        await fixture.CreatePodAsync("photos-store-2", HaystackComponent.Store, ClusterPods.CrashLoopBackOff());
        await fixture.MarkWorkloadsReadyAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal(("False", ConditionReasons.NoWritableVolume), (ready.Status, ready.Reason));
        Assert.StartsWith("no writable volume: photos-1: photos-store-2: CrashLoopBackOff", ready.Message);
    }

    [Fact]
    public async Task Read_only_and_compacting_volumes_are_counted_and_give_no_writable_volume()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkEveryPodReadyAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.ReadOnly);
        await fixture.CreateVolumeAsync(2, VolumePhase.ReadOnly);
        await fixture.CreateVolumeAsync(3, VolumePhase.Compacting);

        await fixture.ReconcileAsync();

        var status = (await fixture.GetClusterAsync()).Status!;
        Assert.Equal((3, 0, 2, 0, 1), (status.Volumes!.Total, status.Volumes.Writable, status.Volumes.ReadOnly, status.Volumes.Degraded, status.Volumes.Compacting));
        var ready = ConditionList.Find(status.Conditions, ConditionTypes.Ready)!;
        Assert.StartsWith("no writable volume: none of 3 volumes is writable (2 ReadOnly, 1 Compacting).", ready.Message);
        Assert.Equal("False", ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status);
    }

    [Fact]
    public async Task A_whole_writable_volume_on_ready_pods_makes_the_cluster_ready()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkEveryPodReadyAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);
        await fixture.CreateVolumeAsync(2, VolumePhase.Writable, placed: 1);

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal(("True", ConditionReasons.UploadsAccepted), (ready.Status, ready.Reason));
        Assert.Equal("uploads can succeed: 1 writable volume. Pods ready: store 3/3, directory 2/2, cache 2/2", ready.Message);
    }

    [Fact]
    public async Task A_cluster_without_cache_pods_is_ready_when_the_spec_asks_for_none()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync(c => c.Spec.Cache.Replicas = 0);
        await fixture.ReconcileAsync();
        for (var i = 0; i < 3; i++)
        {
            await fixture.CreatePodAsync($"photos-store-{i}", HaystackComponent.Store, ClusterPods.Ready());
        }
        await fixture.CreatePodAsync("photos-directory-7d9f5-a1", HaystackComponent.Directory, ClusterPods.Ready());
        await fixture.MarkWorkloadsReadyAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal(("True", ConditionReasons.UploadsAccepted), (ready.Status, ready.Reason));
        Assert.EndsWith("cache 0/0", ready.Message);
    }

    [Fact]
    public async Task Ready_cluster_still_names_a_pod_that_is_not_ready()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkEveryPodReadyAsync();
        await fixture.CreatePodAsync("photos-store-3", HaystackComponent.Store, ClusterPods.CrashLoopBackOff());
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);

        await fixture.ReconcileAsync();

        var ready = await ReadyAsync(fixture);
        Assert.Equal("True", ready.Status);
        Assert.Contains("Not ready: photos-store-3: CrashLoopBackOff", ready.Message);
    }

    [Fact]
    public async Task Degraded_condition_names_the_degraded_volumes_and_their_replicas()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);
        await fixture.CreateVolumeAsync(2, VolumePhase.Degraded, state: ReplicaState.Missing);
        await fixture.CreateVolumeAsync(3, VolumePhase.Rebuilding, state: ReplicaState.Rebuilding);

        await fixture.ReconcileAsync();

        var degraded = ConditionList.Find((await fixture.GetClusterAsync()).Status!.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("True", ConditionReasons.VolumesDegraded), (degraded.Status, degraded.Reason));
        Assert.Equal("2 of 3 volumes are missing a replica or rebuilding one: photos-2 (Degraded: photos-store-2 Missing), "
            + "photos-3 (Rebuilding: photos-store-2 Rebuilding)", degraded.Message);
    }

    [Fact]
    public async Task A_placement_problem_shows_in_degraded_and_in_ready()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkEveryPodReadyAsync();
        const string problem = "photos-1: 3 replicas need 3 distinct nodes, the store pods run on 2";
        var reconciler = new HaystackClusterReconciler(fixture.Client, TimeProvider.System, fixture.Loggers)
        {
            Steps = [.. ReconcileSteps.All, new PlacementProblemStep(problem)],
        };

        await reconciler.ReconcileAsync("haystack", "photos", CancellationToken.None);

        var status = (await fixture.GetClusterAsync()).Status!;
        var degraded = ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("True", ConditionReasons.PlacementProblem, problem), (degraded.Status, degraded.Reason, degraded.Message));
        Assert.StartsWith($"no writable volume: no volume created yet; {problem}.", ConditionList.Find(status.Conditions, ConditionTypes.Ready)!.Message);
    }

    private static async Task<V1Condition> ReadyAsync(OperatorFixture fixture) =>
        ConditionList.Find((await fixture.GetClusterAsync()).Status!.Conditions, ConditionTypes.Ready)
        ?? throw new InvalidOperationException("no Ready condition");

    /// <summary>Stands in for the placement step, which reports what it could not do on the context.</summary>
    private sealed class PlacementProblemStep(string problem) : IReconcileStep
    {
        public string Name => "placement-problem";

        public Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
        {
            context.PlacementProblem = problem;
            return Task.CompletedTask;
        }
    }
}
