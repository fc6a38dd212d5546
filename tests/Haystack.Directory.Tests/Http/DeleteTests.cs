using System.Net;
using Haystack.Directory.Tests.Support;
using Haystack.Protocol;

namespace Haystack.Directory.Tests.Http;

public sealed class DeleteTests
{
    [Fact]
    public async Task A_delete_flags_the_photo_on_every_replica_and_drops_it_from_its_cache_node()
    {
        await using var stores = await StoreGroup.StartAsync(3);
        await using var cache = await FakeCache.StartAsync();
        await using var directory = await TestDirectory.StartAsync(stores.All, caches: [cache.Url]);
        var id = (await directory.UploadOkAsync(Bytes.Photo(3_000, 30))).GetProperty("id").GetString()!;
        var kept = (await directory.UploadOkAsync(Bytes.Photo(3_000, 31))).GetProperty("id").GetString()!;

        using var response = await directory.Http.DeleteAsync($"/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var store in stores.All)
        {
            using var gone = await store.Http.GetAsync(new Uri(store.Url, id));
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            using var other = await store.Http.GetAsync(new Uri(store.Url, kept));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        Assert.Equal([id], cache.Deleted);

        using var again = await directory.Http.DeleteAsync($"/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains(id, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_cookie_deletes_nothing()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var id = PhotoId.Parse((await directory.UploadOkAsync(Bytes.Photo(500, 32))).GetProperty("id").GetString()!);
        var guessed = id with { Cookie = id.Cookie ^ 1 };

        using var response = await directory.Http.DeleteAsync($"/{guessed}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        foreach (var store in stores.All)
        {
            using var read = await store.Http.GetAsync(new Uri(store.Url, id.ToString()));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    [Fact]
    public async Task A_delete_that_cannot_reach_a_replica_is_503_and_a_retry_finishes_it()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var id = (await directory.UploadOkAsync(Bytes.Photo(500, 33))).GetProperty("id").GetString()!;
        await stores[1].StopAsync();

        using var partial = await directory.Http.DeleteAsync($"/{id}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, partial.StatusCode);
        var error = await partial.Content.ReadAsStringAsync();
        Assert.Contains("1 of 2 replicas deleted it", error);
        Assert.Contains(stores[1].Url.Authority, error);

        await stores[1].RestartAsync();
        using var retry = await directory.Http.DeleteAsync($"/{id}");
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        using var gone = await stores[1].Http.GetAsync(new Uri(stores[1].Url, id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_malformed_id_is_400_and_an_unknown_volume_404()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);

        using var malformed = await directory.Http.DeleteAsync("/not-a-photo");
        using var unknown = await directory.Http.DeleteAsync("/4000,1deadbeef");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not-a-photo", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("volume 4000", await unknown.Content.ReadAsStringAsync());
    }
}
