using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Haystack.Cache.Tests.Support;
using Haystack.Protocol;

namespace Haystack.Cache.Tests;

public sealed class CacheReadTests
{
    [Fact]
    public async Task A_miss_is_read_from_a_store_then_served_from_memory_with_the_same_headers()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = Photos.Random(30_000, 1);
        var id = await cluster.UploadAsync(1, data, "image/png");

        using var first = await cluster.Cache.Http.GetAsync($"/{id}");
        using var second = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("MISS", Photos.CacheStatus(first));
        Assert.Equal("HIT", Photos.CacheStatus(second));
        foreach (var response in new[] { first, second })
        {
            Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(data.Length, response.Content.Headers.ContentLength);
        }
        var storeEtag = (await cluster.Stores[0].Http.GetAsync($"/{id}")).Headers.ETag;
        Assert.Equal(storeEtag, first.Headers.ETag);
        Assert.Equal(storeEtag, second.Headers.ETag);
        Assert.Equal(1, await cluster.Cache.StatAsync("store_fetches"));
    }

    [Fact]
    public async Task If_none_match_gives_304_and_head_gives_headers_only()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = Photos.Random(5000, 2);
        var id = await cluster.UploadAsync(2, data);
        using var full = await cluster.Cache.Http.GetAsync($"/{id}");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/{id}");
        conditional.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        using var notModified = await cluster.Cache.Http.SendAsync(conditional);
        using var head = await cluster.Cache.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{id}"));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(data.Length, head.Content.Headers.ContentLength);
        Assert.Equal(full.Headers.ETag, head.Headers.ETag);
        Assert.Equal("HIT", Photos.CacheStatus(head));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(data.Length, await cluster.Cache.StatAsync("bytes_served"));
    }

    [Fact]
    public async Task A_range_request_gets_the_bytes_asked_for_from_a_hit_and_from_a_miss()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = Photos.Random(10_000, 12);
        var id = await cluster.UploadAsync(12, data);

        foreach (var expected in new[] { "MISS", "HIT" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}");
            request.Headers.Range = new RangeHeaderValue(100, 199);
            using var response = await cluster.Cache.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(expected, Photos.CacheStatus(response));
            Assert.Equal(data[100..200], await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Requests_through_a_cdn_are_served_but_not_cached()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = Photos.Random(4000, 3);
        var id = await cluster.UploadAsync(3, data);

        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}");
            request.Headers.Add(CacheOptions.DefaultCdnHeader, "edge-1");
            using var response = await cluster.Cache.Http.SendAsync(request);
            Assert.Equal("MISS", Photos.CacheStatus(response));
            Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        }

        var stats = await cluster.Cache.StatsAsync();
        Assert.Equal(0, stats.GetProperty("items").GetInt64());
        Assert.Equal(3, stats.GetProperty("store_fetches").GetInt64());
        Assert.Equal(3, stats.GetProperty("not_cached").GetInt64());
        using var direct = await cluster.Cache.Http.GetAsync($"/{id}");
        Assert.Equal("MISS", Photos.CacheStatus(direct));
        using var again = await cluster.Cache.Http.GetAsync($"/{id}");
        Assert.Equal("HIT", Photos.CacheStatus(again));
    }

    [Fact]
    public async Task The_cdn_header_name_is_configurable()
    {
        await using var cluster = await TestCluster.StartAsync(configure: o => o with { CdnHeader = "Via-Edge" });
        var id = await cluster.UploadAsync(4, [1, 2, 3]);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}");
        request.Headers.Add("Via-Edge", "yes");
        (await cluster.Cache.Http.SendAsync(request)).Dispose();

        Assert.Equal(0, await cluster.Cache.StatAsync("items"));
    }

    [Theory]
    [InlineData("readonly")]
    [InlineData("degraded")]
    public async Task Photos_of_volumes_that_are_not_writable_are_not_cached(string state)
    {
        await using var cluster = await TestCluster.StartAsync(volumeState: state);
        var data = Photos.Random(2000, 5);
        var id = await cluster.UploadAsync(5, data);

        using var first = await cluster.Cache.Http.GetAsync($"/{id}");
        using var second = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(data, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("MISS", Photos.CacheStatus(first));
        Assert.Equal("MISS", Photos.CacheStatus(second));
        Assert.Equal(0, await cluster.Cache.StatAsync("items"));
    }

    [Fact]
    public async Task A_wrong_cookie_an_unknown_photo_and_an_unknown_volume_get_the_same_404()
    {
        await using var cluster = await TestCluster.StartAsync();
        var id = await cluster.UploadAsync(6, [9, 9, 9]);
        Assert.Equal(HttpStatusCode.OK, (await cluster.Cache.Http.GetAsync($"/{id}")).StatusCode);

        var wrongCookie = id with { Cookie = id.Cookie ^ 1 };
        var unknownKey = id with { Key = 999 };
        var unknownVolume = id with { VolumeId = 77 };
        foreach (var missing in new[] { wrongCookie, unknownKey, unknownVolume })
        {
            using var response = await cluster.Cache.Http.GetAsync($"/{missing}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>();
            Assert.Equal($"Photo {missing} was not found.", body!.Error);
        }
        Assert.Equal(3, await cluster.Cache.StatAsync("not_found"));
        Assert.False(cluster.Directory.HasReports);
    }

    [Theory]
    [InlineData("nocomma")]
    [InlineData("1,zz12345678")]
    [InlineData("1,12")]
    public async Task A_malformed_photo_id_is_a_400_that_says_what_is_wrong(string bad)
    {
        await using var cluster = await TestCluster.StartAsync();

        using var response = await cluster.Cache.Http.GetAsync($"/{bad}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(bad, (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        Assert.Equal(0, await cluster.Cache.StatAsync("store_fetches"));
    }

    [Fact]
    public async Task Delete_drops_the_photo_so_the_next_read_goes_to_the_stores()
    {
        await using var cluster = await TestCluster.StartAsync();
        var id = await cluster.UploadAsync(7, Photos.Random(1000, 7));
        (await cluster.Cache.Http.GetAsync($"/{id}")).Dispose();
        Assert.Equal("HIT", Photos.CacheStatus(await cluster.Cache.Http.GetAsync($"/{id}")));

        foreach (var store in cluster.Stores)
        {
            (await store.Http.DeleteAsync($"/{id}")).EnsureSuccessStatusCode();
        }
        using var invalidated = await cluster.Cache.Http.DeleteAsync($"/{id}");
        using var afterwards = await cluster.Cache.Http.GetAsync($"/{id}");

        Assert.Equal(HttpStatusCode.NoContent, invalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        Assert.Equal(0, await cluster.Cache.StatAsync("items"));
    }

    [Fact]
    public async Task Memory_is_bounded_in_bytes_and_a_photo_read_again_displaces_one_read_once()
    {
        // 1 MiB holds at most an eighth per photo, so photos of 120 000 bytes: eight fit. A ninth read once does
        // not displace the first (read as often); read again, it does.
        await using var cluster = await TestCluster.StartAsync(configure: o => o with { CapacityBytes = 1024 * 1024 });
        var ids = new List<PhotoId>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add(await cluster.UploadAsync(100 + (ulong)i, Photos.Random(120_000, i)));
            (await cluster.Cache.Http.GetAsync($"/{ids[^1]}")).Dispose();
        }

        var stats = await cluster.Cache.StatsAsync();
        Assert.Equal(1, stats.GetProperty("evictions").GetInt64());
        Assert.Equal(8, stats.GetProperty("items").GetInt64());
        Assert.InRange(stats.GetProperty("bytes_cached").GetInt64(), 8 * 120_000, 1024 * 1024);
        Assert.Equal("MISS", Photos.CacheStatus(await cluster.Cache.Http.GetAsync($"/{ids[8]}")));
        Assert.Equal("HIT", Photos.CacheStatus(await cluster.Cache.Http.GetAsync($"/{ids[8]}")));
        Assert.Equal("MISS", Photos.CacheStatus(await cluster.Cache.Http.GetAsync($"/{ids[0]}")));
        Assert.InRange(await cluster.Cache.StatAsync("bytes_cached"), 8 * 120_000, 1024 * 1024);
    }

    [Fact]
    public async Task Stats_count_hits_misses_bytes_and_capacity()
    {
        await using var cluster = await TestCluster.StartAsync();
        var small = await cluster.UploadAsync(8, Photos.Random(1000, 8));
        var large = await cluster.UploadAsync(9, Photos.Random(3000, 9));

        foreach (var id in new[] { small, small, small, large, large })
        {
            (await cluster.Cache.Http.GetAsync($"/{id}")).Dispose();
        }
        (await cluster.Cache.Http.GetAsync($"/{small with { Cookie = 1 }}")).Dispose();

        var stats = await cluster.Cache.StatsAsync();
        Assert.Equal(3, stats.GetProperty("hits").GetInt64());
        Assert.Equal(3, stats.GetProperty("misses").GetInt64());
        Assert.Equal(0.5, stats.GetProperty("hit_rate").GetDouble());
        Assert.Equal((3 * 1000) + (2 * 3000), stats.GetProperty("bytes_served").GetInt64());
        Assert.Equal(2, stats.GetProperty("items").GetInt64());
        Assert.InRange(stats.GetProperty("bytes_cached").GetInt64(), 4000, 4000 + (2 * 300));
        Assert.Equal(16L * 1024 * 1024, stats.GetProperty("capacity_bytes").GetInt64());
        Assert.Equal(0, stats.GetProperty("evictions").GetInt64());
        Assert.Equal(0, stats.GetProperty("failovers").GetInt64());
        Assert.Equal(2 + 3, stats.GetProperty("store_fetches").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await cluster.Cache.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cluster.Cache.Http.GetAsync("/readyz")).StatusCode);
    }
}
