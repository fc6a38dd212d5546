using Haystack.Operator.Entities;
using Haystack.Operator.Tests.Volumes;
using Haystack.Operator.Volumes;
using k8s;

namespace Haystack.Operator.Tests.Rebuilds;

/// <summary>Failover rebuilds on the fake API server with real store servers as the store pods.</summary>
public sealed class RebuildOnStoresTests
{
    private static int OrdinalOf(string pod) => int.Parse(pod[(pod.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes photos to every replica of the volume, as the directory does.</summary>
    internal static async Task UploadAsync(StorePodFleet fleet, V1Alpha1HaystackVolume volume, int photos)
    {
        using var http = new HttpClient();
        for (var key = 1; key <= photos; key++)
        {
            var photo = new byte[1000 + (key * 37)];
            new Random(key).NextBytes(photo);
            foreach (var placement in volume.Status!.Placements!)
            {
                var response = await http.PutAsync(new Uri(fleet.StoreAddress(OrdinalOf(placement.Pod)), $"/{volume.Spec.Id},{key:x}0000beef"), new ByteArrayContent(photo));
                response.EnsureSuccessStatusCode();
            }
        }
        using var delete = await http.DeleteAsync(new Uri(fleet.StoreAddress(OrdinalOf(volume.Status!.Placements![0].Pod)), $"/{volume.Spec.Id},10000beef"));
    }

    internal static async Task<byte[]> StreamAsync(StorePodFleet fleet, string pod, long volumeId)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(new Uri(fleet.StoreAddress(OrdinalOf(pod)), $"/volumes/{volumeId}/stream"));
    }

    private static async Task<string[]> EventReasonsAsync(StorePodFleet fleet) =>
        [.. (await fleet.Client.CoreV1.ListNamespacedEventAsync(StorePodFleet.Namespace)).Items.OrderBy(e => e.Metadata.Name).Select(e => e.Reason)];

    [Fact]
    public async Task A_replica_whose_store_lost_the_volume_is_rebuilt_on_another_store_byte_identical_through_Degraded_and_Rebuilding()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-d"]);
        await fleet.ReconcileAsync();
        var volume = (await fleet.VolumesAsync()).First();
        await UploadAsync(fleet, volume, 40);
        var before = volume.Status!.Placements!.Select(p => p.Pod).ToList();
        var lost = before[1];
        // Replicas differ in their superblock's creation time: the copy must equal one of the two that stay.
        var staying = await Task.WhenAll(before.Where(p => p != lost).Select(p => StreamAsync(fleet, p, volume.Spec.Id)));
        await fleet.Calls.DeleteVolumeAsync(StorePodFleet.PodUrl(OrdinalOf(lost)), (uint)volume.Spec.Id, CancellationToken.None);
        await using var phases = await VolumePhaseWatch.StartAsync(fleet.Api.Server, fleet.Client, volume.Metadata.Name);

        await fleet.ReconcileAsync();

        var after = (await fleet.VolumesAsync()).Single(v => v.Spec.Id == volume.Spec.Id);
        var pods = after.Status!.Placements!.Select(p => p.Pod).ToList();
        var rebuilt = Assert.Single(pods.Except(before));
        Assert.NotEqual(lost, rebuilt);
        Assert.DoesNotContain(lost, pods);
        Assert.All(after.Status.Placements!, p => Assert.Equal(ReplicaState.Healthy, p.State));
        Assert.NotNull(after.Status.Placements!.Single(p => p.Pod == rebuilt).ClaimUid);
        Assert.Equal(VolumePhase.Writable, after.Status.Phase);
        Assert.Null(after.Status.ResumePhase);
        var copy = await StreamAsync(fleet, rebuilt, volume.Spec.Id);
        Assert.Contains(staying, replica => replica.AsSpan().SequenceEqual(copy));
        Assert.Equal(["Writable", "Degraded", "Rebuilding", "Writable"], await phases.UntilAsync("Writable"));
        var reasons = await EventReasonsAsync(fleet);
        Assert.Equal(["ReplicaLost", "RebuildStarted", "RebuildCompleted"], reasons.Where(r => r.StartsWith("Re", StringComparison.Ordinal) && r != "ReconcileFailed"));
    }

    [Fact]
    public async Task A_copy_interrupted_by_an_operator_restart_is_resumed_from_the_status()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-d"]);
        await fleet.ReconcileAsync();
        var volume = (await fleet.VolumesAsync()).First();
        await UploadAsync(fleet, volume, 10);
        var placements = volume.Status!.Placements!;
        var spare = Enumerable.Range(0, 4).Select(StorePodFleet.PodName).First(p => placements.All(q => q.Pod != p));
        // The status a crashed operator left: the lost replica Missing, a copy to the spare pod recorded but never made.
        placements[2].State = ReplicaState.Missing;
        placements.Add(new VolumePlacement { Pod = spare, State = ReplicaState.Rebuilding, Source = placements[0].Pod, Replaces = placements[2].Pod });
        volume.Status.Phase = VolumePhase.Rebuilding;
        volume.Status.ResumePhase = VolumePhase.Writable;
        await ClusterVolumes.WriteStatusAsync(fleet.Client, volume, CancellationToken.None);

        await fleet.ReconcileAsync();

        var after = (await fleet.VolumesAsync()).Single(v => v.Spec.Id == volume.Spec.Id);
        Assert.Contains(after.Status!.Placements!, p => p.Pod == spare && p.State == ReplicaState.Healthy);
        Assert.DoesNotContain(after.Status.Placements!, p => p.Pod == placements[2].Pod);
        Assert.Equal(VolumePhase.Writable, after.Status.Phase);
        Assert.Equal(await StreamAsync(fleet, placements[0].Pod, volume.Spec.Id), await StreamAsync(fleet, spare, volume.Spec.Id));
        Assert.DoesNotContain((uint)volume.Spec.Id, await fleet.PhysicalVolumesAsync(OrdinalOf(placements[2].Pod)));
    }
}
