using System.Net;
using Haystack.Cache.Tests.Support;
using Haystack.Protocol;

namespace Haystack.Cache.Tests;

public sealed class OwnerRoutingTests
{
    [Fact]
    public async Task A_node_passes_a_photo_it_does_not_own_to_its_owner_which_alone_caches_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var pair = await TwoNodesAsync(cluster.Directory.Address);
        var id = await UploadOwnedByAsync(cluster, pair.Ring, pair.Second.Address, Photos.Random(7000, 70));

        using var first = await pair.First.Http.GetAsync($"/{id}");
        using var second = await pair.First.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("MISS", Photos.CacheStatus(first));
        Assert.Equal("HIT", Photos.CacheStatus(second));
        Assert.Equal(7000, (await second.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(second.Headers.ETag, first.Headers.ETag);
        Assert.Equal(0, await pair.First.StatAsync("items"));
        Assert.Equal(2, await pair.First.StatAsync("forwarded"));
        Assert.Equal(1, await pair.Second.StatAsync("items"));

        using var head = await pair.First.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{id}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(7000, head.Content.Headers.ContentLength);
        Assert.Equal("HIT", Photos.CacheStatus(head));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/{id}");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await pair.First.Http.SendAsync(conditional)).StatusCode);

        using var dropped = await pair.First.Http.DeleteAsync($"/{id}");
        Assert.Equal(HttpStatusCode.NoContent, dropped.StatusCode);
        Assert.Equal(0, await pair.Second.StatAsync("items"));
    }

    [Fact]
    public async Task When_the_owner_is_down_a_node_serves_the_photo_from_the_stores_without_caching_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var pair = await TwoNodesAsync(cluster.Directory.Address);
        var data = Photos.Random(4000, 71);
        var id = await UploadOwnedByAsync(cluster, pair.Ring, pair.Second.Address, data);
        await pair.Second.StopAsync();

        using var response = await pair.First.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("MISS", Photos.CacheStatus(response));
        Assert.Equal(0, await pair.First.StatAsync("items"));
        Assert.Equal(1, await pair.First.StatAsync("owner_unreachable"));
    }

    [Fact]
    public async Task A_node_caches_the_photos_it_owns_without_a_hop()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var pair = await TwoNodesAsync(cluster.Directory.Address);
        var id = await UploadOwnedByAsync(cluster, pair.Ring, pair.First.Address, [1, 2]);

        (await pair.First.Http.GetAsync($"/{id}")).Dispose();

        Assert.Equal(0, await pair.First.StatAsync("forwarded"));
        Assert.Equal(1, await pair.First.StatAsync("items"));
        Assert.Equal(0, await pair.Second.StatAsync("misses"));
    }

    private static async Task<PhotoId> UploadOwnedByAsync(TestCluster cluster, CacheNodeRing ring, Uri owner, byte[] data)
    {
        var key = 500UL;
        while (ring.OwnerOf(new PhotoId(1, key, 0, (uint)(key * 2654435761UL) | 1)) != owner)
        {
            key++;
        }
        return await cluster.UploadAsync(key, data);
    }

    private static async Task<NodePair> TwoNodesAsync(Uri directory)
    {
        Uri[] nodes = [new($"http://127.0.0.1:{TestCache.FreePort()}"), new($"http://127.0.0.1:{TestCache.FreePort()}")];
        var first = await TestCache.StartAsync(directory, o => o with { Port = nodes[0].Port, Nodes = nodes });
        var second = await TestCache.StartAsync(directory, o => o with { Port = nodes[1].Port, Nodes = nodes });
        return new NodePair(first, second, new CacheNodeRing(nodes));
    }

    private sealed record NodePair(TestCache First, TestCache Second, CacheNodeRing Ring) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
        }
    }
}
