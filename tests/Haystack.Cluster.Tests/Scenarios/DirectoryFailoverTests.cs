using System.Collections.Concurrent;
using Haystack.Client;
using Haystack.Cluster.Tests.Harness;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>Two directory replicas behind one Service share the volume table and the key sequence through the API server.</summary>
public sealed class DirectoryFailoverTests
{
    private const int Uploads = 10_000;
    private const int Uploaders = 8;

    [Fact]
    public async Task One_directory_replica_killed_uploads_go_on_through_the_other_and_ten_thousand_uploads_across_both_get_distinct_keys()
    {
        await using var cluster = await ClusterHarness.StartAsync(ClusterHarness.SmallSpec());
        await cluster.WaitForReadyAsync();
        var directories = DirectoryPods.Running(cluster);
        Assert.Equal(2, directories.Count);
        // The cluster is Ready with one directory; the Service only sends connections to both once both are ready.
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (!directories.All(directory => directory.Ready))
            {
                await Task.Delay(100, patience.Token);
            }
        }
        var victim = directories[0];
        var survivor = directories[1];

        var stored = new ConcurrentBag<(UploadedPhoto Photo, int Index)>();
        var next = 0;
        using var killed = new SemaphoreSlim(0);
        var uploaders = Enumerable.Range(0, Uploaders).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i <= Uploads; i = Interlocked.Increment(ref next))
            {
                stored.Add((await cluster.Photos.UploadAsync(Harness.PhotoBytes.Make(i, 1024), "image/jpeg"), i));
                if (i == Uploads / 3)
                {
                    killed.Release();
                }
            }
        })).ToList();
        await killed.WaitAsync();
        var victimUploads = await DirectoryPods.UploadsAsync(cluster, victim);
        var survivorUploadsAtKill = await DirectoryPods.UploadsAsync(cluster, survivor);
        await victim.KillContainerAsync();
        await Task.WhenAll(uploaders);

        Assert.True(victimUploads > 0 && survivorUploadsAtKill > 0, $"both replicas took uploads before the kill ({victimUploads}, {survivorUploadsAtKill})");
        Assert.True(await DirectoryPods.UploadsAsync(cluster, survivor) > survivorUploadsAtKill, "the survivor took uploads after the kill");
        Assert.Equal(1, victim.Restarts);
        Assert.Equal(Uploads, stored.Count);
        Assert.Equal(Uploads, stored.Select(upload => upload.Photo.Id.Key).Distinct().Count());
        foreach (var (photo, index) in stored.Where(upload => upload.Index % 200 == 0))
        {
            Assert.Equal(Harness.PhotoBytes.Make(index, 1024), (await cluster.Photos.GetFromReplicasAsync(photo.Id)).Data);
        }
    }
}
