using Haystack.Operator.Entities;
using Haystack.Operator.Scaling;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Volumes;
using static Haystack.Operator.Tests.Rebuilds.FleetPods;

namespace Haystack.Operator.Tests.Scaling;

public sealed class DrainPlanTests
{
    private static V1Alpha1HaystackCluster Cluster(int storeReplicas)
    {
        var cluster = TestClusters.Minimal();
        cluster.Metadata.Name = "photos";
        cluster.Spec.Store.Replicas = storeReplicas;
        return cluster;
    }

    /// <summary>Five pods of <paramref name="diskBytes"/>, each reporting the volumes placed on it.</summary>
    private static StoreFleet Fleet(long diskBytes, params V1Alpha1HaystackVolume[] volumes) => new([.. Enumerable.Range(0, 5).Select(i => Pod(i, diskBytes: diskBytes,
        volumes: [.. volumes.Where(v => v.Status!.Placements!.Any(p => p.Pod == $"photos-store-{i}")).Select(v => Volume((uint)v.Spec.Id))]))]);

    [Fact]
    public void Replicas_that_fit_on_the_pods_that_stay_are_not_refused()
    {
        var volumes = new[] { Placed(1, 0, 1, 3), Placed(2, 2, 3, 4) };
        var cluster = Cluster(3);

        Assert.Null(DrainPlan.Refusal(cluster, volumes, Fleet(100 * Gi, volumes), StoreScaleIn.Leaving(cluster, volumes, Fleet(100 * Gi, volumes))));
    }

    [Fact]
    public void Replicas_that_do_not_fit_are_refused_naming_how_much_and_where_from()
    {
        // Three 10 GiB slots per pod: the three staying pods have 9 slots, 4 of them taken, and 6 replicas must move.
        var volumes = new[] { Placed(1, 0, 3, 4), Placed(2, 1, 3, 4), Placed(3, 2, 3, 4), Placed(4, 0, 1, 3), Placed(5, 2, 3, 4) };
        var cluster = Cluster(3);
        var fleet = Fleet(30 * Gi, volumes);

        var refusal = DrainPlan.Refusal(cluster, volumes, fleet, StoreScaleIn.Leaving(cluster, volumes, fleet));

        Assert.NotNull(refusal);
        Assert.StartsWith("scale-in to 3 store pods refused: ", refusal);
        Assert.Contains("6 of 9 replicas to move off photos-store-3, photos-store-4", refusal);
        Assert.Contains("do not fit on the 3 pods that stay", refusal);
        Assert.Contains("Gi", refusal);
    }

    [Fact]
    public void A_volume_cannot_move_onto_a_pod_that_already_holds_one_of_its_replicas()
    {
        // Room everywhere, but volume 1 already has a replica on each of the two pods that stay.
        var volumes = new[] { Placed(1, 0, 1, 2) };
        var cluster = Cluster(2);
        var fleet = Fleet(100 * Gi, volumes);

        var refusal = DrainPlan.Refusal(cluster, volumes, fleet, StoreScaleIn.Leaving(cluster, volumes, fleet));

        Assert.Contains("1 of 1 replicas", refusal);
        Assert.Contains("need more distinct pods than the 2 that stay", refusal);
    }

    [Fact]
    public void The_StatefulSet_keeps_every_pod_up_to_the_highest_that_still_holds_a_replica()
    {
        var cluster = Cluster(3);

        Assert.Equal(5, StoreScaleIn.HeldReplicas(cluster, [Placed(1, 0, 1, 4)], running: 5));
        Assert.Equal(4, StoreScaleIn.HeldReplicas(cluster, [Placed(1, 0, 1, 3)], running: 5));
        Assert.Equal(3, StoreScaleIn.HeldReplicas(cluster, [Placed(1, 0, 1, 2)], running: 5));
        Assert.Equal(3, StoreScaleIn.HeldReplicas(cluster, [Placed(1, 0, 1, 4)], running: 3));
        Assert.Equal(3, StoreScaleIn.HeldReplicas(cluster, [Placed(1, 0, 1, 4)], running: null));
    }

    [Fact]
    public void A_missing_replica_on_a_pod_that_goes_does_not_hold_the_scale_in()
    {
        var volume = Placed(1, 0, 1, 4);
        volume.Status!.Placements![2].State = ReplicaState.Missing;

        Assert.Equal(3, StoreScaleIn.HeldReplicas(Cluster(3), [volume], running: 5));
    }
}
