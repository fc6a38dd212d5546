using Haystack.Operator.Entities;
using Haystack.Operator.Rebuilds;
using Haystack.Operator.Volumes;
using static Haystack.Operator.Tests.Rebuilds.FleetPods;

namespace Haystack.Operator.Tests.Rebuilds;

public sealed class RebuildPlannerTests
{
    private static readonly IReadOnlySet<string> NoneLeaving = new HashSet<string>();

    private static StoreFleet Fleet(params V1Alpha1HaystackVolume[] volumes) => new([.. Enumerable.Range(0, 5).Select(i => Pod(i,
        volumes: [.. volumes.Where(v => v.Status!.Placements!.Any(p => p.Pod == $"photos-store-{i}" && p.State == ReplicaState.Healthy)).Select(v => Volume((uint)v.Spec.Id))]))]);

    [Fact]
    public void A_missing_replica_is_rebuilt_from_a_healthy_one_of_another_pod()
    {
        var volume = Placed(1, 0, 1, 2);
        volume.Status!.Placements![0].State = ReplicaState.Missing;
        var blocked = new Dictionary<uint, string>();

        var job = RebuildPlanner.Next([volume], Fleet(volume), NoneLeaving, blocked);

        Assert.NotNull(job);
        Assert.Equal("photos-store-0", job.Replaced.Pod);
        Assert.Equal("photos-store-1", job.Source.Name);
        Assert.False(job.Drain);
        Assert.Empty(blocked);
    }

    [Fact]
    public void A_copy_under_way_is_resumed_before_any_other_rebuild()
    {
        var lost = Placed(1, 0, 1, 2);
        lost.Status!.Placements![0].State = ReplicaState.Missing;
        var resumed = Placed(2, 0, 1, 2);
        resumed.Status!.Placements![1].State = ReplicaState.Missing;
        resumed.Status.Placements.Add(new VolumePlacement { Pod = "photos-store-3", State = ReplicaState.Rebuilding, Replaces = "photos-store-1", Source = "photos-store-0" });

        var job = RebuildPlanner.Next([lost, resumed], Fleet(lost, resumed), NoneLeaving, []);

        Assert.Equal(2u, job!.VolumeId);
        Assert.Equal("photos-store-3", job.Target!.Pod);
        Assert.Equal("photos-store-1", job.Replaced.Pod);
    }

    [Fact]
    public void Replicas_on_leaving_pods_are_drained_from_a_replica_that_stays()
    {
        var volume = Placed(1, 0, 3, 4);

        var job = RebuildPlanner.Next([volume], Fleet(volume), new HashSet<string> { "photos-store-3", "photos-store-4" }, []);

        Assert.True(job!.Drain);
        Assert.Equal("photos-store-3", job.Replaced.Pod);
        Assert.Equal("photos-store-0", job.Source.Name);
    }

    [Fact]
    public void A_volume_without_a_serving_replica_is_reported_blocked_and_a_compacting_one_waits()
    {
        var orphan = Placed(1, 0, 1);
        orphan.Status!.Placements![0].State = ReplicaState.Missing;
        var fleet = new StoreFleet([Pod(0), Pod(1, ready: false)]);
        var compacting = Placed(2, 0, 1);
        compacting.Status!.Placements![0].State = ReplicaState.Missing;
        compacting.Status.Phase = VolumePhase.Compacting;
        var blocked = new Dictionary<uint, string>();

        Assert.Null(RebuildPlanner.Next([orphan, compacting], fleet, NoneLeaving, blocked));
        Assert.Equal(new Dictionary<uint, string> { [1] = "no healthy replica to copy from" }, blocked);
    }

    [Fact]
    public void A_volume_already_blocked_in_this_reconcile_is_passed_over_for_the_next()
    {
        var first = Placed(1, 0, 1, 2);
        first.Status!.Placements![0].State = ReplicaState.Missing;
        var second = Placed(2, 0, 1, 2);
        second.Status!.Placements![0].State = ReplicaState.Missing;
        var blocked = new Dictionary<uint, string> { [1] = "no store pod can take the replica" };

        var job = RebuildPlanner.Next([first, second], Fleet(first, second), NoneLeaving, blocked);

        Assert.Equal(2u, job!.VolumeId);
    }
}
