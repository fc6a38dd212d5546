using System.Net;
using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;
using Haystack.Protocol;
using k8s;

namespace Haystack.Directory.Tests.Kubernetes;

public sealed class KubernetesTableTests
{
    [Fact]
    public async Task Two_directories_serve_the_same_table_and_follow_volume_changes_without_a_restart()
    {
        await using var cluster = await FakeCluster.StartAsync(3, 1, 2);
        await cluster.CreateVolumeAsync(1, "Writable", 0, 1);
        await using var a = await cluster.StartDirectoryAsync();
        await using var b = await cluster.StartDirectoryAsync();

        foreach (var directory in new[] { a, b })
        {
            var volume = directory.Volume(1);
            Assert.Equal(VolumeState.Writable, volume.State);
            Assert.Equal([FakeCluster.StoreUrl(0), FakeCluster.StoreUrl(1)], volume.Replicas);
        }

        var second = await cluster.CreateVolumeAsync(2, "Writable", 1, 2);
        await cluster.SetStatusAsync(await cluster.ReadVolumeAsync(1), "ReadOnly", 0, 1);
        await FakeCluster.EventuallyAsync(() => a.Server.Table.Find(2) is not null && b.Server.Table.Find(2) is not null, "both directories list volume 2");
        await FakeCluster.EventuallyAsync(() => a.Volume(1).State == VolumeState.ReadOnly && b.Volume(1).State == VolumeState.ReadOnly, "volume 1 is read-only in both");

        await cluster.SetStatusAsync(second, "Writable", 2, 0);
        await FakeCluster.EventuallyAsync(
            () => a.Volume(2).Replicas.SequenceEqual([FakeCluster.StoreUrl(2), FakeCluster.StoreUrl(0)]) && b.Volume(2).Replicas.SequenceEqual([FakeCluster.StoreUrl(2), FakeCluster.StoreUrl(0)]),
            "the re-placed volume 2 reaches both directories");
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("haystack.io", "v1alpha1", FakeCluster.Namespace, "volumes", $"{FakeCluster.Name}-1");
        await FakeCluster.EventuallyAsync(() => a.Server.Table.Find(1) is null && b.Server.Table.Find(1) is null, "the deleted volume 1 leaves both tables");
    }

    [Fact]
    public async Task An_upload_through_either_directory_lands_on_the_placements_and_a_restart_loses_nothing()
    {
        await using var cluster = await FakeCluster.StartAsync(3, 1);
        await cluster.CreateVolumeAsync(1, "Writable", 0, 2);
        var ids = new List<(PhotoId Id, byte[] Photo)>();
        await using (var a = await cluster.StartDirectoryAsync())
        await using (var b = await cluster.StartDirectoryAsync())
        {
            foreach (var (directory, seed) in new[] { (a, 1), (b, 2), (a, 3) })
            {
                var photo = Bytes.Photo(5_000, seed);
                ids.Add((PhotoId.Parse((await directory.UploadOkAsync(photo)).GetProperty("id").GetString()!), photo));
            }
        }

        foreach (var (id, photo) in ids)
        {
            foreach (var store in new[] { cluster.Stores[0], cluster.Stores[2] })
            {
                using var read = await store.Http.GetAsync(new Uri(store.Url, id.ToString()));
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync());
            }
            using var notPlaced = await cluster.Stores[1].Http.GetAsync(new Uri(cluster.Stores[1].Url, id.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, notPlaced.StatusCode);
        }
        Assert.Equal(3, ids.Select(i => i.Id.Key).Distinct().Count());

        await using var restarted = await cluster.StartDirectoryAsync();
        Assert.Equal([FakeCluster.StoreUrl(0), FakeCluster.StoreUrl(2)], restarted.Volume(1).Replicas);
        var lookup = await restarted.GetJsonAsync($"/dir/lookup?id={ids[0].Id}");
        Assert.Equal(2, lookup.GetProperty("locations").GetArrayLength());
        var next = PhotoId.Parse((await restarted.UploadOkAsync(Bytes.Photo(100, 9))).GetProperty("id").GetString()!);
        Assert.True(next.Key > ids.Max(i => i.Id.Key), $"key {next.Key} after a restart is not above the keys issued before");
    }

    [Fact]
    public async Task A_failed_replica_write_marks_the_volume_degraded_in_its_status_and_the_other_directory_sees_it()
    {
        await using var cluster = await FakeCluster.StartAsync(2, 1);
        await cluster.CreateVolumeAsync(1, "Writable", 0, 1);
        await using var a = await cluster.StartDirectoryAsync();
        await using var b = await cluster.StartDirectoryAsync();

        await cluster.Stores[1].StopAsync();
        using var refused = await a.UploadAsync(Bytes.Photo(1_000, 1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Degraded", (await cluster.ReadVolumeAsync(1)).Status?.Phase);
        await FakeCluster.EventuallyAsync(() => b.Volume(1).State == VolumeState.Degraded, "the other directory sees volume 1 degraded");
    }

    [Fact]
    public async Task A_volume_not_yet_fully_placed_takes_no_uploads_until_the_operator_places_every_replica()
    {
        await using var cluster = await FakeCluster.StartAsync(2, 1);
        var volume = await cluster.CreateVolumeAsync(1, null, 0);
        await cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
            new Haystack.Directory.Kubernetes.VolumeResource { Metadata = volume.Metadata, Spec = new() { ClusterName = FakeCluster.Name, Id = 1, Replicas = 2, SizeLimitBytes = 16L << 20 }, Status = volume.Status },
            "haystack.io", "v1alpha1", FakeCluster.Namespace, "volumes", volume.Metadata.Name);
        await using var directory = await cluster.StartDirectoryAsync();
        await directory.ProbeAsync();

        Assert.Equal(VolumeState.Degraded, directory.Volume(1).State);
        Assert.Contains("1 of 2 replicas placed", directory.Volume(1).Reason);

        await cluster.SetStatusAsync(volume, null, 0, 1);
        await FakeCluster.EventuallyAsync(() => directory.Volume(1).Replicas.Count == 2, "the second placement arrives");
        await directory.ProbeAsync();
        Assert.Equal(VolumeState.Writable, directory.Volume(1).State);
        Assert.Equal("Writable", (await cluster.ReadVolumeAsync(1)).Status?.Phase);
        await directory.UploadOkAsync(Bytes.Photo(100, 1));
    }
}
