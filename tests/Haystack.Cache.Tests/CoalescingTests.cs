using System.Net;
using Haystack.Cache.Tests.Support;

namespace Haystack.Cache.Tests;

public sealed class CoalescingTests
{
    [Fact]
    public async Task Concurrent_misses_for_one_photo_make_one_store_read()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var gated = await GatedReplica.StartAsync(cluster.Stores[0].Url);
        var data = Photos.Random(50_000, 60);
        var id = await cluster.UploadAsync(60, data);
        cluster.Directory.SetVolume(1, "writable", gated.Address);

        var reads = Enumerable.Range(0, 20).Select(_ => cluster.Cache.Http.GetAsync($"/{id}")).ToArray();
        // Hold the one store read until every other request has joined it, then let it through.
        await cluster.Cache.WaitForStatAsync("coalesced", reads.Length - 1);
        gated.Open();
        var responses = await Task.WhenAll(reads);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
            response.Dispose();
        }
        Assert.Equal(1, gated.Requests);
        Assert.Equal(1, await cluster.Cache.StatAsync("store_fetches"));
        Assert.Equal(1, await cluster.Cache.StatAsync("items"));
    }

    [Fact]
    public async Task A_client_that_hangs_up_does_not_fail_the_others_waiting_on_the_same_read()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var gated = await GatedReplica.StartAsync(cluster.Stores[0].Url);
        var data = Photos.Random(1000, 61);
        var id = await cluster.UploadAsync(61, data);
        cluster.Directory.SetVolume(1, "writable", gated.Address);

        using var impatient = new CancellationTokenSource();
        var first = cluster.Cache.Http.GetAsync($"/{id}", impatient.Token);
        await WaitUntilAsync(() => gated.Requests == 1);
        var second = cluster.Cache.Http.GetAsync($"/{id}");
        await cluster.Cache.WaitForStatAsync("coalesced", 1);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        gated.Open();

        using var response = await second;
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, gated.Requests);
    }

    [Fact]
    public async Task Concurrent_misses_in_one_volume_share_one_directory_lookup()
    {
        await using var cluster = await TestCluster.StartAsync(configure: o => o with { LookupTtl = TimeSpan.FromHours(1) });
        var ids = new List<Haystack.Protocol.PhotoId>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await cluster.UploadAsync(200 + (ulong)i, [(byte)i]));
        }

        var responses = await Task.WhenAll(ids.Select(id => cluster.Cache.Http.GetAsync($"/{id}")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, cluster.Directory.Lookups);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
