using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;
using k8s.Models;

namespace Haystack.Operator.Tests.Volumes;

/// <summary>The operator creates and places Volumes on real stores behind store pods on the fake API server.</summary>
public sealed class VolumePlacementTests
{
    private static readonly Dictionary<string, string> ThreeZones = new() { ["node-a"] = "zone-a", ["node-b"] = "zone-b", ["node-c"] = "zone-c" };

    [Fact]
    public async Task The_fleet_names_each_store_pod_with_its_node_zone_claim_and_the_volumes_its_store_holds()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", null], ThreeZones);
        await fleet.Calls.CreateVolumeAsync(StorePodFleet.PodUrl(1), 9, 3, CancellationToken.None);

        var observed = (await fleet.RunVolumeStepsAsync()).Fleet;

        Assert.Equal(["photos-store-0", "photos-store-1", "photos-store-2"], observed.Pods.Select(p => p.Name));
        var (a, b, unscheduled) = (observed.Pods[0], observed.Pods[1], observed.Pods[2]);
        Assert.Equal(("node-a", "node-a", "zone-a", true, true), (a.Node, a.Host, a.Zone, a.Ready, a.Answers));
        Assert.Equal("data-photos-store-0", a.ClaimName);
        Assert.NotNull(a.ClaimUid);
        Assert.Equal(100L << 30, a.DiskBytes);
        Assert.Equal([9u], b.Volumes.Select(v => v.Id));
        Assert.Equal((100L << 30) - (64L << 20), b.FreeBytes);
        Assert.Equal((null, false, false), (unscheduled.Node, unscheduled.Ready, unscheduled.CanTakeReplicas));
    }

    [Fact]
    public async Task A_new_cluster_with_three_stores_on_three_nodes_gets_writable_volumes_on_three_pods_nodes_and_zones()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"], ThreeZones);

        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        Assert.Equal([1L, 2L], volumes.Select(v => v.Spec.Id));
        foreach (var volume in volumes)
        {
            Assert.Equal("photos-" + volume.Spec.Id, volume.Metadata.Name);
            Assert.Equal("photos", Assert.Single(volume.Metadata.OwnerReferences).Name);
            Assert.Equal((3, 64L << 20), (volume.Spec.Replicas, volume.Spec.SizeLimitBytes));
            Assert.Equal(VolumePhase.Writable, volume.Status!.Phase);
            var placements = volume.Status.Placements!;
            Assert.Equal(["photos-store-0", "photos-store-1", "photos-store-2"], placements.Select(p => p.Pod).Order());
            Assert.Equal(3, placements.Select(p => p.Node).Distinct().Count());
            Assert.Equal(["zone-a", "zone-b", "zone-c"], placements.Select(p => p.Zone).Order());
            Assert.All(placements, p => Assert.Equal(ReplicaState.Healthy, p.State));
            var spread = Assert.Single(volume.Status.Conditions!);
            Assert.Equal((SpreadCondition.Type, "True", "3 replicas on 3 nodes in 3 zones"), (spread.Type, spread.Status, spread.Message));
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new uint[] { 1, 2 }, await fleet.PhysicalVolumesAsync(i));
        }
    }

    [Fact]
    public async Task Reconciling_again_creates_no_more_volumes_and_writes_nothing()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"], ThreeZones);
        await fleet.ReconcileAsync();
        var before = (await fleet.VolumesAsync()).Select(v => v.Metadata.ResourceVersion).ToList();

        var context = await fleet.RunVolumeStepsAsync();
        await fleet.ReconcileAsync();

        Assert.Equal(before, (await fleet.VolumesAsync()).Select(v => v.Metadata.ResourceVersion));
        Assert.Null(context.WritableShortfall);
        Assert.Empty(context.PlacementWarnings);
        Assert.Equal(new uint[] { 1, 2 }, await fleet.PhysicalVolumesAsync(0));
    }

    [Fact]
    public async Task Three_replicas_on_two_nodes_are_placed_on_three_pods_and_the_volume_and_cluster_say_two_share_a_node()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-a"]);

        var context = await fleet.RunVolumeStepsAsync();

        var volumes = await fleet.VolumesAsync();
        Assert.Equal(2, volumes.Count);
        var spread = Assert.Single(volumes[0].Status!.Conditions!);
        Assert.Equal(("False", "SharedNode"), (spread.Status, spread.Reason));
        Assert.Contains("3 replicas on 2 nodes", spread.Message);
        Assert.Equal(VolumePhase.Writable, volumes[0].Status!.Phase);
        Assert.Equal(2, context.PlacementWarnings.Count);
        Assert.StartsWith("volume 1: 3 replicas on 2 nodes", context.PlacementWarnings[0]);
        Assert.Null(context.WritableShortfall);
    }

    [Fact]
    public async Task With_too_few_ready_stores_no_volume_is_created_and_the_shortfall_says_why()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"], ThreeZones);
        await fleet.SetReadyAsync(2, false);

        var context = await fleet.RunVolumeStepsAsync();

        Assert.Empty(await fleet.VolumesAsync());
        Assert.Equal("no writable volume: 2 of 3 replicas placed: 2 store pods are ready, answering and have room", context.WritableShortfall);

        await fleet.SetReadyAsync(2, true);
        await fleet.ReconcileAsync();
        Assert.Equal(2, (await fleet.VolumesAsync()).Count(v => v.Status?.Phase == VolumePhase.Writable));
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_recorded_and_its_pod_gets_no_replica()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-d"]);
        await fleet.StopStoreAsync(3);

        var context = await fleet.RunVolumeStepsAsync();

        Assert.False(context.Fleet.Pods[3].Answers);
        Assert.Contains("photos-store-3.photos-store.haystack.svc", context.Fleet.Pods[3].Error);
        var volumes = await fleet.VolumesAsync();
        Assert.Equal(2, volumes.Count);
        Assert.All(volumes, v => Assert.DoesNotContain("photos-store-3", v.Status!.Placements!.Select(p => p.Pod)));
    }

    [Fact]
    public async Task A_volume_cut_short_after_one_store_created_it_is_finished_on_that_store_by_the_next_reconcile()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-d"], edit: c => c.Spec.Volume.WritableVolumes = 1);
        var cluster = await fleet.Api.GetClusterAsync();
        // What a reconcile that stopped after creating the resource and one physical volume (on the pod with the least room otherwise) leaves.
        await ClusterVolumes.CreateAsync(fleet.Client, ClusterVolumes.New(cluster, 1), CancellationToken.None);
        await fleet.Calls.CreateVolumeAsync(StorePodFleet.PodUrl(3), 1, 3, CancellationToken.None);
        await fleet.Calls.CreateVolumeAsync(StorePodFleet.PodUrl(0), 50, 1, CancellationToken.None);

        await fleet.ReconcileAsync();

        var volume = Assert.Single(await fleet.VolumesAsync());
        Assert.Equal(VolumePhase.Writable, volume.Status!.Phase);
        Assert.Contains("photos-store-3", volume.Status.Placements!.Select(p => p.Pod));
        Assert.DoesNotContain("photos-store-0", volume.Status.Placements!.Select(p => p.Pod));
    }

    [Fact]
    public async Task New_volume_ids_go_above_every_physical_volume_on_the_stores()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"]);
        await fleet.Calls.CreateVolumeAsync(StorePodFleet.PodUrl(1), 41, 1, CancellationToken.None);

        await fleet.ReconcileAsync();

        Assert.Equal([42L, 43L], (await fleet.VolumesAsync()).Select(v => v.Spec.Id));
    }
}
