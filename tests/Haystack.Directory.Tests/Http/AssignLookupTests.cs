using System.Net;
using System.Text.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Protocol;

namespace Haystack.Directory.Tests.Http;

public sealed class AssignLookupTests
{
    [Fact]
    public async Task An_assigned_id_written_to_every_location_is_readable_there_and_looked_up_by_volume_or_id()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var cache = await FakeCache.StartAsync();
        await using var directory = await TestDirectory.StartAsync(stores.All, caches: [cache.Url]);
        var photo = Bytes.Photo(2_000, 20);

        var assignment = await directory.GetJsonAsync("/dir/assign");

        var id = PhotoId.Parse(assignment.GetProperty("id").GetString()!);
        Assert.Equal(id.VolumeId, assignment.GetProperty("volume").GetUInt32());
        Assert.Equal(new Uri(cache.Url, id.ToString()).ToString(), assignment.GetProperty("url").GetString());
        var locations = assignment.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("url").GetString()!).ToArray();
        Assert.Equal(stores.All.Select(s => s.Url.GetLeftPart(UriPartial.Authority)).Order(), locations.Order());
        foreach (var location in locations)
        {
            using var put = await directory.Http.PutAsync($"{location}/{id}", new ByteArrayContent(photo));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        foreach (var store in stores.All)
        {
            Assert.Equal(photo, await store.Http.GetByteArrayAsync(new Uri(store.Url, id.ToString())));
        }

        foreach (var query in new[] { $"volume={id.VolumeId}", $"id={id}" })
        {
            var lookup = await directory.GetJsonAsync($"/dir/lookup?{query}");
            Assert.Equal(id.VolumeId, lookup.GetProperty("volume").GetUInt32());
            Assert.Equal("writable", lookup.GetProperty("state").GetString());
            Assert.Equal(locations.Order(), lookup.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("url").GetString()!).Order());
        }
    }

    [Fact]
    public async Task Assigned_keys_never_repeat_and_increase()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);

        var keys = new List<ulong>();
        for (var i = 0; i < 4; i++)
        {
            keys.Add(PhotoId.Parse((await directory.GetJsonAsync("/dir/assign")).GetProperty("id").GetString()!).Key);
        }
        keys.Add(PhotoId.Parse((await directory.UploadOkAsync(Bytes.Photo(10, 1))).GetProperty("id").GetString()!).Key);

        Assert.Equal(keys.Order(), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Looking_up_an_unknown_volume_is_404_and_a_malformed_query_is_400()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);

        await AssertErrorAsync(directory, "/dir/lookup?volume=999", HttpStatusCode.NotFound, "Volume 999");
        await AssertErrorAsync(directory, "/dir/lookup?volume=abc", HttpStatusCode.BadRequest, "'abc'");
        await AssertErrorAsync(directory, "/dir/lookup?id=3,zz", HttpStatusCode.BadRequest, "3,zz");
        await AssertErrorAsync(directory, "/dir/lookup", HttpStatusCode.BadRequest, "?volume=");
        await AssertErrorAsync(directory, "/dir/lookup?volume=1&id=1,100000000", HttpStatusCode.BadRequest, "either");
    }

    private static async Task AssertErrorAsync(TestDirectory directory, string path, HttpStatusCode expected, string mentions)
    {
        using var response = await directory.Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(mentions, error);
    }
}
