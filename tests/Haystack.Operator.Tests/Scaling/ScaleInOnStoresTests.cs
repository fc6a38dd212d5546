using Haystack.Operator.Api;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Reconciliation.Steps;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Volumes;
using k8s;
using Microsoft.Extensions.Logging;
using static Haystack.Operator.Tests.Rebuilds.RebuildOnStoresTests;

namespace Haystack.Operator.Tests.Scaling;

/// <summary>Lowering spec.store.replicas on the fake API server with real store servers as the store pods.</summary>
public sealed class ScaleInOnStoresTests
{
    private static readonly string[] FiveNodes = ["node-a", "node-b", "node-c", "node-d", "node-e"];

    private static async Task ScaleToAsync(StorePodFleet fleet, int replicas)
    {
        var cluster = await fleet.Api.GetClusterAsync();
        cluster.Spec.Store.Replicas = replicas;
        await fleet.Client.ReplaceAsync(HaystackResourceKinds.Clusters, cluster, "photos", StorePodFleet.Namespace);
    }

    private static async Task<int?> StatefulSetReplicasAsync(StorePodFleet fleet) =>
        (await fleet.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", StorePodFleet.Namespace)).Spec.Replicas;

    [Fact]
    public async Task A_scale_in_from_5_to_3_moves_the_replicas_off_pods_3_and_4_byte_identical_before_the_StatefulSet_shrinks()
    {
        await using var fleet = await StorePodFleet.StartAsync(FiveNodes, edit: c => c.Spec.Volume.WritableVolumes = 3);
        await fleet.ReconcileAsync();
        var volumes = await fleet.VolumesAsync();
        Assert.Contains(volumes.SelectMany(v => v.Status!.Placements!), p => p.Pod is "photos-store-3" or "photos-store-4");
        // Replicas differ in their superblock's creation time, so each copy is compared with the replicas there were.
        var before = new Dictionary<long, List<byte[]>>();
        foreach (var volume in volumes)
        {
            await UploadAsync(fleet, volume, 12);
            before[volume.Spec.Id] = [.. await Task.WhenAll(volume.Status!.Placements!.Select(p => StreamAsync(fleet, p.Pod, volume.Spec.Id)))];
        }

        await ScaleToAsync(fleet, 3);
        await fleet.ReconcileAsync();

        Assert.Equal(5, await StatefulSetReplicasAsync(fleet));
        foreach (var volume in await fleet.VolumesAsync())
        {
            var pods = volume.Status!.Placements!.Select(p => p.Pod).ToList();
            Assert.Equal(["photos-store-0", "photos-store-1", "photos-store-2"], pods.Order());
            Assert.All(volume.Status.Placements!, p => Assert.Equal(ReplicaState.Healthy, p.State));
            Assert.Equal(VolumePhase.Writable, volume.Status.Phase);
            foreach (var pod in pods)
            {
                var bytes = await StreamAsync(fleet, pod, volume.Spec.Id);
                Assert.Contains(before[volume.Spec.Id], replica => replica.AsSpan().SequenceEqual(bytes));
            }
        }
        Assert.Empty(await fleet.PhysicalVolumesAsync(3));
        Assert.Empty(await fleet.PhysicalVolumesAsync(4));

        await fleet.ReconcileAsync();

        Assert.Equal(3, await StatefulSetReplicasAsync(fleet));
    }

    [Fact]
    public async Task A_scale_in_the_staying_pods_cannot_hold_is_refused_with_the_amount_and_nothing_moves()
    {
        // Disks of 200 MiB hold three 64 MiB volumes: 12 replicas fit on five pods, not on three.
        await using var fleet = await StorePodFleet.StartAsync(FiveNodes, edit: c =>
        {
            c.Spec.Volume.WritableVolumes = 4;
            c.Spec.Store.StorageSize = "200Mi";
        });
        await fleet.ReconcileAsync();
        var placedBefore = (await fleet.VolumesAsync()).Select(v => string.Join(",", v.Status!.Placements!.Select(p => p.Pod))).ToList();
        Assert.Equal(4, placedBefore.Count);

        await ScaleToAsync(fleet, 3);
        await fleet.ReconcileAsync();
        var context = await RunRebuildStepAsync(fleet);

        Assert.Equal(5, await StatefulSetReplicasAsync(fleet));
        Assert.StartsWith("scale-in to 3 store pods refused: ", context.ScaleInRefusal);
        Assert.Contains("Mi) do not fit on the 3 pods that stay", context.ScaleInRefusal);
        Assert.Equal((true, ConditionReasons.ScaleInRefused, context.ScaleInRefusal), DegradedCondition.Evaluate(context, null, null, null));
        Assert.Equal(placedBefore, (await fleet.VolumesAsync()).Select(v => string.Join(",", v.Status!.Placements!.Select(p => p.Pod))));
    }

    [Fact]
    public async Task A_refused_scale_in_raises_one_warning_while_it_stands_and_one_more_when_it_is_refused_again()
    {
        await using var fleet = await StorePodFleet.StartAsync(FiveNodes, edit: c =>
        {
            c.Spec.Volume.WritableVolumes = 4;
            c.Spec.Store.StorageSize = "200Mi";
        });
        await fleet.ReconcileAsync();

        await ScaleToAsync(fleet, 3);
        await fleet.ReconcileAsync();
        await fleet.ReconcileAsync();
        var first = Assert.Single(await fleet.EventMessagesAsync("ScaleInRefused"));
        Assert.StartsWith("scale-in to 3 store pods refused: ", first);

        await ScaleToAsync(fleet, 5);
        await fleet.ReconcileAsync();
        await ScaleToAsync(fleet, 3);
        await fleet.ReconcileAsync();

        Assert.Equal([first, first], await fleet.EventMessagesAsync("ScaleInRefused"));
    }

    /// <summary>The fleet and rebuild steps on a fresh context, to read what they leave for the cluster's conditions.</summary>
    private static async Task<ReconcileContext> RunRebuildStepAsync(StorePodFleet fleet)
    {
        var cluster = await fleet.Api.GetClusterAsync();
        var context = new ReconcileContext(cluster, fleet.Client, new ChildApplier(fleet.Client),
            new EventRecorder(fleet.Client, TimeProvider.System, fleet.Api.Loggers.CreateLogger<EventRecorder>())) { Stores = fleet.Calls };
        await new ObserveFleetStep().RunAsync(context, CancellationToken.None);
        await new RebuildStep().RunAsync(context, CancellationToken.None);
        return context;
    }
}
