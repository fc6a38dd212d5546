using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

/// <summary>
/// One store of four dies (SIGKILL) while readers are busy: reads fail over to the surviving replicas. With
/// replication 3 on 4 stores, a logical volume on the three survivors can take the uploads: the directory marks the
/// volumes with the dead replica degraded and creates such a volume when none is writable. Restarted, the store
/// serves its photos again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreFailureTests : IAsyncLifetime
{
    private const string CdnHeader = "X-Haystack-Cdn";
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(stores: 4, replication: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_killed_store_fails_no_read_writes_go_on_without_it_and_it_serves_again_after_a_restart()
    {
        var photos = new List<StoredPhoto>();
        for (var i = 0; i < 24; i++)
        {
            photos.Add(await _cluster.UploadAsync(PhotoBytes.Create(1000 + i)));
        }
        // The victim holds a replica of the first photo; reads of every photo it holds must fail over.
        var victimUrl = (await _cluster.ReplicasOfAsync(photos[0].Id))[0];
        var victim = _cluster.Stores.Single(store => store.Url.GetLeftPart(UriPartial.Authority) == victimUrl);
        var onVictim = new List<StoredPhoto>();
        foreach (var photo in photos)
        {
            if ((await _cluster.ReplicasOfAsync(photo.Id)).Contains(victimUrl))
            {
                onVictim.Add(photo);
            }
        }
        Assert.NotEmpty(onVictim);

        // Readers go through the cache as a CDN would, so nothing is cached and every read needs a store.
        var load = new ReadLoad(_cluster.Http, onVictim, CdnHeader);
        var readers = load.RunAsync(readers: 4);
        await load.WaitForReadsAsync(100);
        var failoversBefore = await CacheFailoversAsync();
        await victim.KillAsync();
        var afterKill = load.Completed;
        await load.WaitForReadsAsync(afterKill + (onVictim.Count * 10));
        await load.StopAsync(readers);

        Assert.True(load.Failures.IsEmpty, $"{load.Failures.Count} failed reads of {load.Completed}: {string.Join("; ", load.Failures.Take(5))}\n{_cluster.Logs}");
        // No failed read proves nothing unless reads did meet the dead store and moved on.
        var failovers = await CacheFailoversAsync() - failoversBefore;
        Assert.True(failovers > 0, $"the cache reports no failover after the kill, so no read met the dead store\n{_cluster.Logs}");

        // Writes keep succeeding while the store is down, and never land on a volume that includes it. The directory
        // learns that the store is down from a failed write or its next health probe; until then a volume it creates
        // may still be placed on the dead store, so the writes start once a writable volume avoids it.
        await WaitForWritableVolumeWithoutAsync(victimUrl);
        var whileDown = new List<StoredPhoto>();
        for (var i = 0; i < 12; i++)
        {
            whileDown.Add(await _cluster.UploadAsync(PhotoBytes.Create(2000 + i)));
        }
        foreach (var photo in whileDown)
        {
            Assert.DoesNotContain(victimUrl, await _cluster.ReplicasOfAsync(photo.Id));
            Assert.Equal(photo.Data, await _cluster.Http.GetByteArrayAsync(photo.Url));
        }

        // Restarted on the same data, the store serves what it held before it died.
        victim.Start();
        await victim.WaitReadyAsync();
        foreach (var photo in onVictim)
        {
            var response = await _cluster.Http.GetAsync($"{victimUrl}/{photo.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(photo.Data, await response.Content.ReadAsByteArrayAsync());
        }
    }

    private async Task<long> CacheFailoversAsync() =>
        (await _cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(_cluster.Cache.Url, "stats"))).GetProperty("failovers").GetInt64();

    private async Task WaitForWritableVolumeWithoutAsync(string deadStore)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var table = await _cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(_cluster.Directory.Url, "volumes"), limit.Token);
            if (table.GetProperty("volumes").EnumerateArray().Any(volume =>
                    volume.GetProperty("state").GetString() == "writable" &&
                    volume.GetProperty("replicas").EnumerateArray().All(replica => replica.GetString()!.TrimEnd('/') != deadStore)))
            {
                return;
            }
            await Task.Delay(200, limit.Token);
        }
    }
}
