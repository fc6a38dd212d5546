using System.Net;
using System.Net.Http.Json;
using Haystack.Cache.Replicas;
using Haystack.Cache.Tests.Support;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Cache.Tests;

public sealed class FailoverTests
{
    /// <summary>A key for which the cache tries the replica listed at <paramref name="position"/> first.</summary>
    private static ulong KeyTriedFirstAt(int position, ulong from = 1)
    {
        Uri[] three = [new("http://a:1"), new("http://b:1"), new("http://c:1")];
        var order = new ReplicaHealth(TimeSpan.Zero, TimeProvider.System);
        var key = from;
        while (order.Order(key, three)[0] != three[position])
        {
            key++;
        }
        return key;
    }

    private static async Task<HttpResponseMessage> GetThroughCdnAsync(TestCache cache, PhotoId id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}");
        request.Headers.Add(CacheOptions.DefaultCdnHeader, "1");
        return await cache.Http.SendAsync(request);
    }

    [Fact]
    public async Task Stopping_a_store_during_a_read_load_fails_no_read()
    {
        await using var cluster = await TestCluster.StartAsync();
        var photos = new Dictionary<PhotoId, byte[]>();
        for (var i = 0; i < 24; i++)
        {
            var data = Photos.Random(2000 + i, i);
            photos[await cluster.UploadAsync(1000 + (ulong)i, data)] = data;
        }
        var ids = photos.Keys.ToArray();
        var stopped = new TaskCompletionSource();
        var failures = new List<string>();
        var readsAfterStop = 0;

        // CDN reads are never cached, so every one of them goes to a store.
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(async () =>
        {
            for (var i = reader; Volatile.Read(ref readsAfterStop) < 200; i++)
            {
                var stoppedBefore = stopped.Task.IsCompleted;
                var id = ids[i % ids.Length];
                using var response = await GetThroughCdnAsync(cluster.Cache, id);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK || !body.AsSpan().SequenceEqual(photos[id]))
                {
                    lock (failures)
                    {
                        failures.Add($"{id}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                    }
                }
                if (stoppedBefore)
                {
                    Interlocked.Increment(ref readsAfterStop);
                }
            }
        })).ToArray();

        await cluster.Cache.WaitForStatAsync("store_fetches", 100);
        await cluster.Stores[0].StopAsync();
        stopped.SetResult();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.True(await cluster.Cache.StatAsync("failovers") > 0);
        var report = await cluster.Directory.NextReportAsync();
        Assert.Equal(cluster.Stores[0].Url.GetLeftPart(UriPartial.Authority), report.Store);
        Assert.Equal("unreachable", report.Problem);
    }

    [Fact]
    public async Task A_corrupt_replica_is_reported_and_the_next_replica_serves_the_photo()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = Photos.Random(8000, 42);
        var id = await cluster.UploadAsync(KeyTriedFirstAt(0), data);
        var damaged = cluster.Stores[0];
        await damaged.StopAsync();
        FlipByte(damaged.DataFile(1), data, 4000);
        await using var restarted = await TestStore.StartAsync(dataDirectory: damaged.DataDirectory);
        cluster.Directory.SetVolume(1, "writable", restarted.Url, cluster.Stores[1].Url, cluster.Stores[2].Url);

        using var response = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        var report = await cluster.Directory.NextReportAsync();
        Assert.Equal(new Report(id.ToString(), restarted.Url.GetLeftPart(UriPartial.Authority), "corrupt"), report);
        Assert.Equal(1, await cluster.Cache.StatAsync("failovers"));
        Assert.Equal("HIT", Photos.CacheStatus(await cluster.Cache.Http.GetAsync($"/{id}")));
    }

    [Fact]
    public async Task A_replica_that_does_not_answer_in_time_is_skipped_and_reported()
    {
        await using var cluster = await TestCluster.StartAsync(configure: o => o with { ReplicaTimeout = TimeSpan.FromSeconds(1) });
        await using var hung = await GatedReplica.StartAsync(store: null);
        var data = Photos.Random(3000, 43);
        var id = await cluster.UploadAsync(KeyTriedFirstAt(0), data);
        cluster.Directory.SetVolume(1, "writable", hung.Address, cluster.Stores[1].Url, cluster.Stores[2].Url);

        using var response = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, hung.Requests);
        Assert.Equal(new Report(id.ToString(), hung.Address.GetLeftPart(UriPartial.Authority), "unreachable"), await cluster.Directory.NextReportAsync());
    }

    [Fact]
    public async Task The_replicas_of_a_degraded_volume_are_tried_in_the_directory_order_healthy_first()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var hung = await GatedReplica.StartAsync(store: null);
        var data = Photos.Random(3000, 50);
        var id = await cluster.UploadAsync(KeyTriedFirstAt(1), data);
        cluster.Directory.SetVolume(1, "degraded", cluster.Stores[1].Url, hung.Address, cluster.Stores[2].Url);

        using var response = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, hung.Requests);
        Assert.Equal(0, await cluster.Cache.StatAsync("failovers"));
    }

    [Fact]
    public async Task A_replica_without_the_photo_is_passed_over_without_a_report()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = Photos.Random(3000, 44);
        var id = new PhotoId(1, KeyTriedFirstAt(0), 0, 0x1234abcd);
        await cluster.Stores[1].PutAsync(id.ToString(), data);
        await cluster.Stores[2].PutAsync(id.ToString(), data);

        using var response = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await cluster.Cache.StatAsync("failovers"));
        Assert.Equal(2, await cluster.Cache.StatAsync("store_fetches"));
        Assert.False(cluster.Directory.HasReports);
    }

    [Fact]
    public async Task When_every_replica_is_down_the_read_is_a_503_naming_each_store()
    {
        await using var cluster = await TestCluster.StartAsync();
        var id = await cluster.UploadAsync(45, [1, 2, 3]);
        foreach (var store in cluster.Stores)
        {
            await store.StopAsync();
        }

        using var response = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error;
        Assert.Contains(id.ToString(), error);
        Assert.All(cluster.Stores, store => Assert.Contains(store.Url.GetLeftPart(UriPartial.Authority), error));
        Assert.Equal(1, await cluster.Cache.StatAsync("unavailable"));
    }

    [Fact]
    public async Task A_failed_replica_from_a_cached_lookup_makes_the_cache_ask_the_directory_again()
    {
        await using var cluster = await TestCluster.StartAsync(configure: o => o with { LookupTtl = TimeSpan.FromHours(1) });
        var first = await cluster.UploadAsync(46, [4, 5, 6]);
        var second = await cluster.UploadAsync(47, [7, 8, 9]);
        cluster.Directory.SetVolume(1, "writable", cluster.Stores[0].Url);
        (await cluster.Cache.Http.GetAsync($"/{first}")).EnsureSuccessStatusCode();
        Assert.Equal(1, cluster.Directory.Lookups);

        // The volume moved: its only known replica is gone, and the Directory now names another store.
        await cluster.Stores[0].StopAsync();
        cluster.Directory.SetVolume(1, "writable", cluster.Stores[1].Url);
        using var response = await cluster.Cache.Http.GetAsync($"/{second}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([7, 8, 9], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, cluster.Directory.Lookups);
    }

    [Fact]
    public async Task A_directory_outage_does_not_stop_reads_of_volumes_already_located()
    {
        await using var cluster = await TestCluster.StartAsync(configure: o => o with { LookupTtl = TimeSpan.Zero });
        var first = await cluster.UploadAsync(48, [1]);
        var second = await cluster.UploadAsync(49, [2]);
        (await GetThroughCdnAsync(cluster.Cache, first)).EnsureSuccessStatusCode();

        await cluster.Directory.DisposeAsync();
        using var response = await GetThroughCdnAsync(cluster.Cache, second);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([2], await response.Content.ReadAsByteArrayAsync());
    }

    private static void FlipByte(string path, byte[] pattern, int indexInPattern)
    {
        var content = File.ReadAllBytes(path);
        var at = content.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0, $"the photo's bytes are not in {path}");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = at + indexInPattern;
        file.WriteByte((byte)~pattern[indexInPattern]);
    }
}
