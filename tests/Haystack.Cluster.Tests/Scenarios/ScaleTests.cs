using Haystack.Client;
using Haystack.Cluster.Tests.Harness;
using k8s;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>Capacity through the spec: more store pods take new volumes; fewer are drained before they go.</summary>
public sealed class ScaleTests
{
    private const int PhotoSize = 20_000;

    [Fact]
    public async Task Stores_scaled_from_three_to_five_and_back_to_three_keep_every_photo_readable()
    {
        await using var cluster = await ClusterHarness.StartAsync(ClusterHarness.SmallSpec(), nodes: 5, zones: 3);
        await cluster.WaitForReadyAsync();
        var photos = new List<(UploadedPhoto Photo, byte[] Data)>();
        await UploadAsync(cluster, photos, 40);

        // More pods and more writable volumes. Where the new volumes land is the placer's choice: every claim folder here
        // is on one disk, so every store reports the same free space and none is preferred.
        await cluster.UpdateSpecAsync(spec =>
        {
            spec.Store.Replicas = 5;
            spec.Volume.WritableVolumes = 4;
        });
        await cluster.EventuallyAsync(async () => (await StoresAsync(cluster)).Status?.ReadyReplicas == 5
            && (await cluster.ListVolumesAsync()).Count(v => v.Status?.Phase == Haystack.Operator.Entities.VolumePhase.Writable) == 4,
            "five store pods run and four volumes are Writable", TimeSpan.FromSeconds(120));
        await cluster.WaitForReadyAsync();
        await UploadAsync(cluster, photos, 80);

        // Fewer pods: the operator moves any replica off photos-store-3 and -4 before the StatefulSet shrinks.
        await cluster.UpdateSpecAsync(spec => spec.Store.Replicas = 3);
        await cluster.EventuallyAsync(async () =>
        {
            var stores = await StoresAsync(cluster);
            var volumes = await cluster.ListVolumesAsync();
            return stores.Spec.Replicas == 3 && stores.Status?.Replicas == 3 && StorePods.AllWhole(volumes, replicas: 3)
                && volumes.All(v => v.Status!.Placements!.All(p => p.Pod is "photos-store-0" or "photos-store-1" or "photos-store-2"));
        }, "the StatefulSet has three pods and every replica lives on them", TimeSpan.FromSeconds(180));

        Assert.Null(cluster.Pods.Kubelet(StorePods.Name(3)));
        Assert.Null(cluster.Pods.Kubelet(StorePods.Name(4)));
        foreach (var (photo, data) in photos)
        {
            Assert.Equal(data, (await cluster.Photos.GetFromReplicasAsync(photo.Id)).Data);
        }
    }

    private static Task<k8s.Models.V1StatefulSet> StoresAsync(ClusterHarness cluster) =>
        cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync($"{ClusterHarness.Name}-store", ClusterHarness.Namespace);

    private static async Task UploadAsync(ClusterHarness cluster, List<(UploadedPhoto, byte[])> photos, int count)
    {
        for (var i = photos.Count; i < count; i++)
        {
            var data = PhotoBytes.Make(i, PhotoSize);
            photos.Add((await cluster.Photos.UploadAsync(data, "image/jpeg"), data));
        }
    }
}
