using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Volumes;
using Microsoft.Extensions.Time.Testing;

namespace Haystack.Operator.Tests.Rebuilds;

/// <summary>A store whose pod stays Running and Ready on a Ready node but does not answer, on the fake API with real stores.</summary>
public sealed class HungStoreTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_store_that_stops_answering_on_a_ready_node_is_unavailable_within_the_grace_period_and_rebuilt_elsewhere_after_it()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-d"],
            edit: c => (c.Spec.Volume.WritableVolumes, c.Spec.Store.ReplicaLossGracePeriodSeconds) = (1, (int)Grace.TotalSeconds));
        // Whole seconds: the status keeps times to the microsecond.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var reconciler = new HaystackClusterReconciler(fleet.Client, time, fleet.Api.Loggers) { Stores = fleet.Calls };
        await reconciler.ReconcileAsync(StorePodFleet.Namespace, "photos", CancellationToken.None);
        var volume = Assert.Single(await fleet.VolumesAsync());
        await RebuildOnStoresTests.UploadAsync(fleet, volume, 20);
        var hung = volume.Status!.Placements![1].Pod;
        var staying = await Task.WhenAll(volume.Status.Placements.Where(p => p.Pod != hung).Select(p => RebuildOnStoresTests.StreamAsync(fleet, p.Pod, volume.Spec.Id)));
        await fleet.StopStoreAsync(int.Parse(hung[^1..], System.Globalization.CultureInfo.InvariantCulture));

        await reconciler.ReconcileAsync(StorePodFleet.Namespace, "photos", CancellationToken.None);
        var waiting = (await fleet.VolumesAsync()).Single(v => v.Spec.Id == volume.Spec.Id);
        var placement = waiting.Status!.Placements!.Single(p => p.Pod == hung);
        Assert.Equal(ReplicaState.Healthy, placement.State);
        Assert.Equal(time.GetUtcNow().UtcDateTime, placement.UnavailableSince);
        Assert.Contains("its store has not answered", placement.Reason);

        time.Advance(Grace - TimeSpan.FromSeconds(1));
        await reconciler.ReconcileAsync(StorePodFleet.Namespace, "photos", CancellationToken.None);
        Assert.Equal(ReplicaState.Healthy, (await fleet.VolumesAsync()).Single(v => v.Spec.Id == volume.Spec.Id).Status!.Placements!.Single(p => p.Pod == hung).State);

        time.Advance(TimeSpan.FromSeconds(1));
        await reconciler.ReconcileAsync(StorePodFleet.Namespace, "photos", CancellationToken.None);

        var after = (await fleet.VolumesAsync()).Single(v => v.Spec.Id == volume.Spec.Id);
        Assert.DoesNotContain(hung, after.Status!.Placements!.Select(p => p.Pod));
        Assert.All(after.Status.Placements!, p => Assert.Equal(ReplicaState.Healthy, p.State));
        Assert.Equal(VolumePhase.Writable, after.Status.Phase);
        var rebuilt = Assert.Single(after.Status.Placements!.Select(p => p.Pod).Except(volume.Status.Placements.Select(p => p.Pod)));
        var copy = await RebuildOnStoresTests.StreamAsync(fleet, rebuilt, volume.Spec.Id);
        Assert.Contains(staying, replica => replica.AsSpan().SequenceEqual(copy));
    }
}
