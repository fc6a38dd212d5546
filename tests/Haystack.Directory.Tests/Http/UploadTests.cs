using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Protocol;

namespace Haystack.Directory.Tests.Http;

public sealed class UploadTests
{
    [Fact]
    public async Task An_upload_is_on_every_replica_with_its_content_type_and_its_url_names_the_owning_cache()
    {
        await using var stores = await StoreGroup.StartAsync(3);
        await using var cacheA = await FakeCache.StartAsync();
        await using var cacheB = await FakeCache.StartAsync();
        await using var directory = await TestDirectory.StartAsync(stores.All, caches: [cacheA.Url, cacheB.Url]);
        var photo = Bytes.Photo(20_000, seed: 1);

        var body = await directory.UploadOkAsync(photo, "image/png");

        var id = PhotoId.Parse(body.GetProperty("id").GetString()!);
        Assert.Equal(id.VolumeId, body.GetProperty("volume").GetUInt32());
        Assert.Equal(photo.Length, body.GetProperty("size").GetInt32());
        var owner = new CacheNodeRing([cacheA.Url, cacheB.Url]).OwnerOf(id);
        Assert.Equal(new Uri(owner, id.ToString()).ToString(), body.GetProperty("url").GetString());
        Assert.Equal(3, directory.Volume(id.VolumeId).Replicas.Count);
        foreach (var store in stores.All)
        {
            using var read = await store.Http.GetAsync(new Uri(store.Url, id.ToString()));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("image/png", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Generated_keys_increase_and_cookies_differ()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);

        var ids = new List<PhotoId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(PhotoId.Parse((await directory.UploadOkAsync(Bytes.Photo(100, i))).GetProperty("id").GetString()!));
        }

        Assert.Equal(ids.Select(i => i.Key).Order(), ids.Select(i => i.Key));
        Assert.Equal(5, ids.Select(i => i.Key).Distinct().Count());
        Assert.True(ids.Select(i => i.Cookie).Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_callers_key_and_alternate_key_are_used_as_given()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All);

        var body = await directory.UploadOkAsync(Bytes.Photo(300, 2), query: "?key=abc123&alt=2");

        var id = PhotoId.Parse(body.GetProperty("id").GetString()!);
        Assert.Equal(0xabc123UL, id.Key);
        Assert.Equal(2u, id.AlternateKey);
        using var read = await stores[0].Http.GetAsync(new Uri(stores[0].Url, id.ToString()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_multipart_form_upload_stores_the_file_part_with_its_content_type()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var photo = Bytes.Photo(5_000, 3);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/gif");
        form.Add(file, "file", "cat.gif");

        using var response = await directory.Http.PostAsync("/upload", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        using var read = await stores[0].Http.GetAsync(new Uri(stores[0].Url, id));
        Assert.Equal("image/gif", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_cache_nodes_the_url_points_at_a_replica_that_serves_the_photo()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var photo = Bytes.Photo(700, 4);

        var body = await directory.UploadOkAsync(photo);

        Assert.Equal(photo, await stores[0].Http.GetByteArrayAsync(body.GetProperty("url").GetString()));
    }
}
