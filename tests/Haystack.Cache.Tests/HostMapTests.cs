using System.Net;
using Haystack.Cache.Tests.Support;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Cache.Tests;

/// <summary>The cache reaches the Directory and the stores by their cluster DNS names, through the host map when there is one.</summary>
public sealed class HostMapTests
{
    [Fact]
    public async Task The_directory_and_a_store_named_by_cluster_dns_are_reached_at_the_ports_the_host_map_gives()
    {
        await using var store = await TestStore.StartAsync();
        await using var directory = await FakeDirectory.StartAsync();
        var storePod = PodEndpoints.StorePod("photos", "haystack", "photos-store-0", 8080);
        var directoryService = new Uri("http://photos-directory.haystack.svc:8080");
        directory.SetVolume(1, "writable", storePod);
        var hostMap = new PodEndpoints(new Dictionary<string, DnsEndPoint>
        {
            [storePod.Host] = new("127.0.0.1", store.Url.Port),
            [directoryService.Host] = new("127.0.0.1", directory.Address.Port),
        });
        await using var cache = await TestCache.StartAsync(directoryService, options => options with { Endpoints = hostMap });
        var data = Photos.Random(10_000, 7);
        var id = new PhotoId(1, 1, 0, 0x1234567);
        await store.PutAsync(id.ToString(), data);

        using var read = await cache.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(data, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await cache.StatAsync("store_fetches"));
    }
}
