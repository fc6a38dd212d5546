using Haystack.Client;
using Haystack.Cluster.Tests.Harness;
using Haystack.Operator.Entities;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>A HaystackCluster applied to an empty cluster becomes a working photo store.</summary>
public sealed class NewClusterTests
{
    // Enough photos that, almost always, each of the two cache pods owns some: a read through the Service then
    // lands on a pod that forwards it to the owner as well as on the owner itself.
    private const int Photos = 6;

    [Fact]
    public async Task A_new_cluster_reports_ready_takes_uploads_through_the_directory_service_and_serves_them_back_byte_identical_through_the_cache_service()
    {
        await using var cluster = await ClusterHarness.StartAsync(ClusterHarness.WithCache(ClusterHarness.SmallSpec()));

        await cluster.WaitForReadyAsync();
        var used = new HashSet<long>();
        for (var i = 0; i < Photos; i++)
        {
            var photo = PhotoBytes.Make(i, 200_000);
            var uploaded = await cluster.Photos.UploadAsync(photo, "image/jpeg");
            used.Add(uploaded.Volume);

            var fromReplicas = await cluster.Photos.GetFromReplicasAsync(uploaded.Id);
            var miss = await cluster.CachedPhotos.GetAsync(uploaded.Id);

            Assert.Equal(photo, fromReplicas.Data);
            Assert.Equal("image/jpeg", fromReplicas.ContentType);
            Assert.Equal(photo, miss.Data);
            Assert.Equal("image/jpeg", miss.ContentType);
            Assert.Equal("MISS", miss.CacheStatus);
            // The owner keeps it; a cold owner can miss the forwarding deadline once, and the pod asked serves it uncached.
            Photo? hit = null;
            await cluster.EventuallyAsync(async () => (hit = await cluster.CachedPhotos.GetAsync(uploaded.Id)).CacheStatus == "HIT",
                $"photo {uploaded.Id} is served from the memory of its cache pod");
            Assert.Equal(photo, hit!.Data);
        }
        var volumes = await cluster.ListVolumesAsync();
        foreach (var id in used)
        {
            var volume = volumes.Single(volume => volume.Spec.Id == id);
            Assert.Equal(VolumePhase.Writable, volume.Status?.Phase);
            Assert.Equal(3, volume.Status!.Placements!.Select(placement => placement.Node).Distinct().Count());
        }
    }
}
