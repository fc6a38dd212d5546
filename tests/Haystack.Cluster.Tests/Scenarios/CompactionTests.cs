using Haystack.Client;
using Haystack.Cluster.Tests.Harness;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>The compaction CronJob's command, run as its Job would run it, reclaims what deletes left behind.</summary>
public sealed class CompactionTests
{
    private const int PhotoSize = 100_000;

    [Fact]
    public async Task The_compaction_cronjob_command_reclaims_the_space_of_deleted_photos_and_keeps_the_rest_readable()
    {
        var spec = ClusterHarness.SmallSpec();
        spec.Volume.WritableVolumes = 1;
        await using var cluster = await ClusterHarness.StartAsync(spec);
        await cluster.WaitForReadyAsync();
        var photos = new List<(UploadedPhoto Photo, byte[] Data)>();
        for (var i = 0; i < 40; i++)
        {
            var data = PhotoBytes.Make(i, PhotoSize);
            photos.Add((await cluster.Photos.UploadAsync(data, "image/jpeg"), data));
        }
        var deleted = photos.Where((_, index) => index % 4 != 0).ToList();
        foreach (var (photo, _) in deleted)
        {
            await cluster.Photos.DeleteAsync(photo.Id);
        }
        var volume = photos[0].Photo.Volume;
        var replicas = (await cluster.ListVolumesAsync()).Single(v => v.Spec.Id == volume).Status!.Placements!.Select(p => StorePods.Url(p.Pod)).ToList();
        var before = await Task.WhenAll(replicas.Select(store => cluster.Photos.GetStoreVolumeAsync(store, volume)));

        var (exitCode, output) = await CronJobRun.RunAsync(cluster, $"{ClusterHarness.Name}-compaction");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"volume {volume}: compacted", output, StringComparison.Ordinal);
        var after = await Task.WhenAll(replicas.Select(store => cluster.Photos.GetStoreVolumeAsync(store, volume)));
        Assert.All(before.Zip(after), pair =>
        {
            Assert.True(pair.First.GarbageBytes >= deleted.Count * PhotoSize, $"garbage before: {pair.First.GarbageBytes}");
            Assert.Equal(0, pair.Second.GarbageBytes);
            Assert.True(pair.First.SizeBytes - pair.Second.SizeBytes >= deleted.Count * PhotoSize, $"{pair.First.SizeBytes} -> {pair.Second.SizeBytes}");
        });
        foreach (var (photo, data) in photos.Except(deleted))
        {
            Assert.Equal(data, (await cluster.Photos.GetFromReplicasAsync(photo.Id)).Data);
        }
        foreach (var (photo, _) in deleted)
        {
            await Assert.ThrowsAsync<PhotoNotFoundException>(() => cluster.Photos.GetFromReplicasAsync(photo.Id));
        }
    }
}
