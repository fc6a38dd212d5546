using System.Net;
using System.Text;
using Haystack.Client;
using Haystack.Cluster.Tests.Harness;
using Haystack.Protocol;
using k8s;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>A cluster whose spec names no Secret is guarded by the key the operator generated, end to end.</summary>
public sealed class GeneratedKeyTests
{
    [Fact]
    public async Task A_cluster_without_spec_auth_refuses_uploads_without_the_generated_key_stores_nothing_and_takes_them_with_it()
    {
        var spec = ClusterHarness.SmallSpec();
        spec.Volume.WritableVolumes = 1;
        await using var cluster = await ClusterHarness.StartAsync(spec);
        await cluster.WaitForReadyAsync();
        var status = (await cluster.ReadClusterAsync()).Status!;
        Assert.Equal($"{ClusterHarness.Name}-auth", status.AuthSecretName);
        var secret = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(status.AuthSecretName, ClusterHarness.Namespace);
        var key = Encoding.ASCII.GetString(secret.Data["token"]);
        var photo = PhotoBytes.Make(7, 50_000);

        foreach (var presented in new[] { null, AccessKeys.Generate() })
        {
            var refused = await Assert.ThrowsAsync<HaystackException>(() => cluster.PhotosClient(presented).UploadAsync(photo, "image/jpeg"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        var volume = Assert.Single(await cluster.ListVolumesAsync(), v => v.Status?.Phase == Haystack.Operator.Entities.VolumePhase.Writable);
        var id = (uint)volume.Spec.Id;
        var replicas = volume.Status!.Placements!.Select(p => StorePods.Url(p.Pod)).ToList();
        var withKey = cluster.PhotosClient(key);
        Assert.All(await Task.WhenAll(replicas.Select(store => withKey.GetStoreVolumeAsync(store, id))), replica => Assert.Equal(0, replica.NeedleCount));
        Assert.All(await Task.WhenAll(DirectoryPods.Running(cluster).Select(directory => DirectoryPods.UploadsAsync(cluster, directory))), uploads => Assert.Equal(0, uploads));

        var uploaded = await withKey.UploadAsync(photo, "image/jpeg");

        Assert.Equal(id, uploaded.Volume);
        Assert.Equal(photo, (await withKey.GetFromReplicasAsync(uploaded.Id)).Data);
        Assert.All(await Task.WhenAll(replicas.Select(store => withKey.GetStoreVolumeAsync(store, id))), replica => Assert.Equal(1, replica.NeedleCount));
    }
}
