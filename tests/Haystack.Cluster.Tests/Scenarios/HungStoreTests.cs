using Haystack.Client;
using Haystack.Cluster.Tests.Harness;
using Haystack.Operator.Entities;
using k8s;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>A store process hangs (SIGSTOP) on a Ready node: its pod stays Running, its store answers nothing.</summary>
public sealed class HungStoreTests
{
    private const int Photos = 30;
    private const int PhotoSize = 20_000;

    [Fact]
    public async Task A_store_that_hangs_past_the_grace_period_gets_its_replicas_rebuilt_on_other_pods_and_every_photo_reads_back_byte_identical()
    {
        var spec = ClusterHarness.SmallSpec();
        spec.Store.Replicas = 4;
        spec.Store.ReplicaLossGracePeriodSeconds = 5;
        await using var cluster = await ClusterHarness.StartAsync(spec, nodes: 4);
        await cluster.WaitForReadyAsync();
        var photos = new List<(UploadedPhoto Photo, byte[] Data)>();
        for (var i = 0; i < Photos; i++)
        {
            var data = PhotoBytes.Make(i, PhotoSize);
            photos.Add((await cluster.Photos.UploadAsync(data, "image/jpeg"), data));
        }
        // The pod that holds the most replicas: hanging it leaves the most to rebuild.
        var held = (await cluster.ListVolumesAsync()).SelectMany(v => v.Status!.Placements!.Select(p => (Volume: v.Spec.Id, p.Pod))).ToList();
        var hung = held.GroupBy(h => h.Pod).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var rebuilt = held.Count(h => h.Pod == hung);
        var kubelet = cluster.Pods.Kubelet(hung)!;

        kubelet.SuspendContainer();
        try
        {
            await cluster.EventuallyAsync(async () =>
            {
                var volumes = await cluster.ListVolumesAsync();
                // Writable again comes a probe round after the last placement turns Healthy (the directory decides it).
                return volumes.All(v => v.Status?.Placements?.All(p => p.Pod != hung) == true) && StorePods.AllWhole(volumes, replicas: 3)
                    && volumes.All(v => v.Status?.Phase == VolumePhase.Writable);
            }, $"every replica on the hung {hung} is rebuilt on another pod, every volume has three Healthy replicas and is Writable again", TimeSpan.FromSeconds(180));
        }
        finally
        {
            kubelet.ResumeContainer();
        }

        Assert.True(await cluster.EventCountAsync("RebuildCompleted") >= rebuilt);
        var lost = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ClusterHarness.Namespace)).Items.Where(e => e.Reason == "ReplicaLost").Select(e => e.Message).ToList();
        Assert.Contains(lost, message => message.Contains($"{hung}: its store has not answered", StringComparison.Ordinal));
        var placed = await cluster.ListVolumesAsync();
        foreach (var (photo, data) in photos)
        {
            foreach (var placement in placed.Single(volume => volume.Spec.Id == photo.Volume).Status!.Placements!)
            {
                Assert.Equal(data, await StorePods.ReadAsync(cluster, placement.Pod, photo.Id));
            }
        }
    }
}
