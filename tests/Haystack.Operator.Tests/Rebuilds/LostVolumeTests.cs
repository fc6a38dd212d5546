using Haystack.Operator.Api;
using Haystack.Operator.Entities;
using Haystack.Operator.Rebuilds;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Volumes;
using k8s;

namespace Haystack.Operator.Tests.Rebuilds;

/// <summary>Volumes whose replicas are all gone, or that have no pod to rebuild on, on the fake API with real stores.</summary>
public sealed class LostVolumeTests
{
    [Fact]
    public async Task A_volume_whose_every_replica_is_lost_turns_Lost_for_good_and_a_replacement_takes_uploads_until_the_user_deletes_it()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-d"], edit: c => c.Spec.Volume.WritableVolumes = 1);
        await fleet.ReconcileAsync();
        var volume = Assert.Single(await fleet.VolumesAsync());
        foreach (var placement in volume.Status!.Placements!)
        {
            await fleet.Calls.DeleteVolumeAsync(StorePodFleet.PodUrl(int.Parse(placement.Pod[^1..], System.Globalization.CultureInfo.InvariantCulture)), (uint)volume.Spec.Id, CancellationToken.None);
        }

        await fleet.ReconcileAsync();
        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        var lost = volumes.Single(v => v.Spec.Id == volume.Spec.Id);
        Assert.Equal(VolumePhase.Lost, lost.Status!.Phase);
        Assert.Null(lost.Status.ResumePhase);
        Assert.All(lost.Status.Placements!, p => Assert.Equal(ReplicaState.Missing, p.State));
        var condition = ConditionList.Find(lost.Status.Conditions, VolumeLoss.ConditionType)!;
        Assert.Equal(("True", "AllReplicasLost"), (condition.Status, condition.Reason));
        Assert.Contains("the store reports volume 1 missing", condition.Message);
        Assert.EndsWith("Delete the Volume to clear it", condition.Message);
        var replacement = Assert.Single(volumes, v => v.Spec.Id != volume.Spec.Id);
        Assert.Equal(VolumePhase.Writable, replacement.Status!.Phase);
        Assert.StartsWith("Volume 1 is lost: every replica is lost", Assert.Single(await fleet.EventMessagesAsync("VolumeLost")));
        Assert.Empty(await fleet.EventMessagesAsync("RebuildBlocked"));
        var degraded = ConditionList.Find((await fleet.Api.GetClusterAsync()).Status!.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("True", ConditionReasons.VolumeLost), (degraded.Status, degraded.Reason));
        Assert.StartsWith("1 of 2 volumes lost every replica (delete a Lost Volume to clear it): photos-1", degraded.Message);
        Assert.Equal(1, (await fleet.Api.GetClusterAsync()).Status!.Volumes!.Lost);

        await fleet.Client.DeleteAsync(HaystackResourceKinds.Volumes, lost.Metadata.Name, StorePodFleet.Namespace);
        await fleet.ReconcileAsync();

        degraded = ConditionList.Find((await fleet.Api.GetClusterAsync()).Status!.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("False", ConditionReasons.AsExpected), (degraded.Status, degraded.Reason));
    }

    [Fact]
    public async Task A_rebuild_no_pod_can_take_raises_one_warning_while_it_is_blocked()
    {
        // Three pods, three replicas: once one store hangs past the grace period, no other pod may take its replica.
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"],
            edit: c => (c.Spec.Volume.WritableVolumes, c.Spec.Store.ReplicaLossGracePeriodSeconds) = (1, 0));
        await fleet.ReconcileAsync();
        await fleet.StopStoreAsync(2);

        await fleet.ReconcileAsync();
        await fleet.ReconcileAsync();

        var volume = Assert.Single(await fleet.VolumesAsync());
        Assert.Equal(VolumePhase.Degraded, volume.Status!.Phase);
        var warning = Assert.Single(await fleet.EventMessagesAsync("RebuildBlocked"));
        Assert.StartsWith($"Volume {volume.Spec.Id} cannot be rebuilt: no store pod can take the replica (", warning);
    }
}
