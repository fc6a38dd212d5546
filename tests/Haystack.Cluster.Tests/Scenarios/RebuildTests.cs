using Haystack.Client;
using Haystack.Cluster.Tests.Harness;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>A store loses its disk: the operator rebuilds its replicas from a peer while readers through the cache notice nothing.</summary>
public sealed class RebuildTests
{
    private const int Photos = 60;
    private const int PhotoSize = 50_000;

    [Fact]
    public async Task A_store_that_lost_its_data_gets_its_replicas_rebuilt_byte_identical_while_a_reader_through_the_cache_sees_no_failed_read()
    {
        var spec = ClusterHarness.WithCache(ClusterHarness.SmallSpec());
        spec.Store.ReplicaLossGracePeriodSeconds = 5;
        await using var cluster = await ClusterHarness.StartAsync(spec);
        await cluster.WaitForReadyAsync();
        var photos = new List<(UploadedPhoto Photo, byte[] Data)>();
        for (var i = 0; i < Photos; i++)
        {
            var data = PhotoBytes.Make(i, PhotoSize);
            photos.Add((await cluster.Photos.UploadAsync(data, "image/jpeg"), data));
        }

        using var stopReading = new CancellationTokenSource();
        var reads = 0;
        var failures = new List<string>();
        // As a CDN reads: the cache keeps nothing, so every read is a store read by the cache, failing over between
        // the replicas the Directory names while one of them is lost and rebuilt.
        var reader = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested)
            {
                foreach (var (photo, data) in photos)
                {
                    try
                    {
                        var read = await cluster.CdnPhotos.GetAsync(photo.Id);
                        if (!read.Data.AsSpan().SequenceEqual(data))
                        {
                            failures.Add($"{photo.Id}: other bytes");
                        }
                        if (read.CacheStatus != "MISS")
                        {
                            failures.Add($"{photo.Id}: served from memory ({read.CacheStatus}), not from a replica");
                        }
                    }
                    catch (HaystackException error)
                    {
                        failures.Add($"{photo.Id}: {error.Message}");
                    }
                    reads++;
                }
            }
        });

        var lost = StorePods.Name(1);
        await StorePods.LoseDiskAsync(cluster, lost);
        var volumeCount = (await cluster.ListVolumesAsync()).Count;
        await cluster.EventuallyAsync(async () => await cluster.EventCountAsync("RebuildCompleted") >= volumeCount
            && StorePods.AllWhole(await cluster.ListVolumesAsync(), replicas: 3),
            $"every volume's replica on {lost} is rebuilt and every volume has three Healthy replicas again", TimeSpan.FromSeconds(180));
        await stopReading.CancelAsync();
        await reader;

        Assert.True(failures.Count == 0, $"{failures.Count} of {reads} reads failed: {string.Join("; ", failures.Take(5))}");
        var volumes = await cluster.ListVolumesAsync();
        foreach (var (photo, data) in photos)
        {
            foreach (var placement in volumes.Single(volume => volume.Spec.Id == photo.Volume).Status!.Placements!)
            {
                Assert.Equal(data, await StorePods.ReadAsync(cluster, placement.Pod, photo.Id));
            }
        }
    }
}
