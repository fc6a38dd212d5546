using FsCheck;
using FsCheck.Fluent;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Tests.Volumes;

public sealed class ReplicaPlacerTests
{
    private const long Gi = 1L << 30;

    [Fact]
    public void Three_replicas_go_to_three_pods_on_three_nodes_in_three_zones()
    {
        var fleet = Fleet(Pod(0, "n0", "a"), Pod(1, "n1", "b"), Pod(2, "n2", "c"));

        var placement = ReplicaPlacer.Place(fleet, 1, 3, Gi);

        Assert.Equal(["s-0", "s-1", "s-2"], placement.Pods.Select(p => p.Name).Order());
        Assert.True(placement.IsComplete && placement.OnDistinctNodes && placement.OnDistinctZones);
        Assert.Null(placement.Problem);
    }

    [Fact]
    public void Nodes_come_before_zones_and_zones_before_free_space()
    {
        // s-1 has the most room but shares zone a with s-0; s-3 shares node n0 with s-0.
        var fleet = Fleet(Pod(0, "n0", "a", free: 50), Pod(1, "n1", "a", free: 90), Pod(2, "n2", "b", free: 10), Pod(3, "n0", "a", free: 99));

        var placement = ReplicaPlacer.Place(fleet, 1, 2, Gi);

        Assert.Equal(["s-3", "s-2"], placement.Pods.Select(p => p.Name));
    }

    [Fact]
    public void Among_equally_spread_pods_the_one_with_most_free_space_wins()
    {
        var fleet = Fleet(Pod(0, "n0", null, free: 20), Pod(1, "n1", null, free: 80), Pod(2, "n2", null, free: 50));

        var placement = ReplicaPlacer.Place(fleet, 1, 2, Gi);

        Assert.Equal(["s-1", "s-2"], placement.Pods.Select(p => p.Name));
        Assert.True(placement.OnDistinctZones);
    }

    [Fact]
    public void Three_replicas_on_two_nodes_land_on_three_pods_and_say_that_two_share_a_node()
    {
        var fleet = Fleet(Pod(0, "n0", null), Pod(1, "n1", null), Pod(2, "n0", null));

        var placement = ReplicaPlacer.Place(fleet, 1, 3, Gi);

        Assert.True(placement.IsComplete);
        Assert.False(placement.OnDistinctNodes);
        Assert.Equal(2, placement.Nodes);
        Assert.Contains("3 replicas on 2 nodes", placement.Problem);
    }

    [Fact]
    public void Pods_not_ready_unreachable_full_placed_or_avoided_are_never_chosen()
    {
        var fleet = Fleet(
            Pod(0, "n0", null) with { Ready = false },
            Pod(1, "n1", null) with { Error = "connection refused" },
            Pod(2, "n2", null, free: 0),
            Pod(3, "n3", null),
            Pod(4, "n4", null),
            Pod(5, "n5", null));

        var placement = ReplicaPlacer.Place(fleet, 1, 3, Gi, placed: ["s-3"], avoid: ["s-4"]);

        Assert.Equal(["s-5"], placement.Pods.Select(p => p.Name));
        Assert.False(placement.IsComplete);
        Assert.Equal("1 of 3 replicas placed: 1 store pods are ready, answering and have room", placement.Problem);
    }

    [Fact]
    public void A_new_replica_spreads_against_the_replicas_already_placed()
    {
        var fleet = Fleet(Pod(0, "n0", "a"), Pod(1, "n1", "b"), Pod(2, "n2", "a", free: 99), Pod(3, "n3", "c"));

        var placement = ReplicaPlacer.Place(fleet, 1, 1, Gi, placed: ["s-0", "s-1"]);

        Assert.Equal(["s-3"], placement.Pods.Select(p => p.Name));
        Assert.Equal(3, placement.Replicas);
        Assert.Null(placement.Problem);
    }

    [Fact]
    public void A_pod_that_already_holds_the_physical_volume_is_preferred_over_an_equally_spread_one()
    {
        var fleet = Fleet(Pod(0, "n0", null, free: 90), Pod(1, "n1", null, free: 10) with
        {
            Volumes = [new PhysicalVolume(7, 8, Gi, 0, false, PhysicalVolumeState.Serving)],
        });

        var placement = ReplicaPlacer.Place(fleet, 7, 1, Gi);

        Assert.Equal(["s-1"], placement.Pods.Select(p => p.Name));
    }

    /// <summary>
    /// For any small fleet (zones a function of nodes, as in Kubernetes), the placer picks distinct eligible pods,
    /// as many as it can, and reaches the best spread any choice of that many pods could: the most distinct
    /// nodes, and among those the most distinct zones, found by trying every subset.
    /// </summary>
    [Fact]
    public void Any_fleet_gets_as_many_replicas_as_it_can_hold_with_the_best_spread_any_choice_reaches()
    {
        var pod =
            from host in Gen.Choose(0, 3)
            from ready in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from freeGi in Gen.Choose(0, 5)
            select (Host: host, Ready: ready, FreeGi: freeGi);
        var zoneOfHost = Gen.Choose(-1, 2).ArrayOf(4);
        // At most 8 pods keeps the brute force (every subset) small.
        var fleetPods = Gen.Choose(0, 8).SelectMany(n => pod.ArrayOf(n));
        Prop.ForAll(fleetPods.ToArbitrary(), zoneOfHost.ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(),
            ((int Host, bool Ready, int FreeGi)[] pods, int[] zones, int count) =>
            {
                var fleet = Fleet([.. pods.Select((p, i) => Pod(i, $"n{p.Host}", zones[p.Host] < 0 ? null : $"z{zones[p.Host]}", p.FreeGi) with { Ready = p.Ready })]);
                var placement = ReplicaPlacer.Place(fleet, 1, count, Gi);

                var eligible = fleet.Pods.Where(p => p.Ready && p.FreeBytes >= Gi).ToList();
                Assert.All(placement.Pods, p => Assert.Contains(p, eligible));
                Assert.Equal(placement.Pods.Count, placement.Pods.Distinct().Count());
                Assert.Equal(Math.Min(count, eligible.Count), placement.Pods.Count);

                var best = Subsets(eligible, placement.Pods.Count)
                    .Select(s => (Nodes: s.Select(p => p.Host).Distinct().Count(), Zones: s.Select(p => p.Zone ?? p.Host).Distinct().Count()))
                    .OrderByDescending(s => s.Nodes).ThenByDescending(s => s.Zones)
                    .First();
                Assert.Equal(best.Nodes, placement.Pods.Select(p => p.Host).Distinct().Count());
                Assert.Equal(best.Zones, placement.Pods.Select(p => p.Zone ?? p.Host).Distinct().Count());
            }).QuickCheckThrowOnFailure();
    }

    private static IEnumerable<List<StorePod>> Subsets(List<StorePod> pods, int size) => size == 0
        ? [[]]
        : pods.SelectMany((p, i) => Subsets(pods[(i + 1)..], size - 1).Select(rest => (List<StorePod>)[p, .. rest]));

    private static StoreFleet Fleet(params StorePod[] pods) => new(pods);

    /// <summary>A ready, answering pod with <paramref name="free"/> GiB of disk and no volumes.</summary>
    private static StorePod Pod(int ordinal, string node, string? zone, long free = 10) => new(
        $"s-{ordinal}", ordinal, new Uri($"http://s-{ordinal}.s.ns.svc:8080/"), node, node, zone, Ready: true,
        $"data-s-{ordinal}", $"uid-{ordinal}", free * Gi, [], Error: null);
}
