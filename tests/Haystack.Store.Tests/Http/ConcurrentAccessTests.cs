using System.Net;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

public sealed class ConcurrentAccessTests
{
    [Fact]
    public async Task Many_concurrent_writers_and_readers_each_get_their_own_photo_back()
    {
        await using var store = await TestStore.StartAsync(volumes: [1, 2]);
        var photos = Enumerable.Range(1, 64)
            .Select(i => (Id: $"{1 + (i % 2)},{i:x}deadbeef", Data: Bytes.Random(1000 + (i * 97), i)))
            .ToList();

        var writes = await Task.WhenAll(photos.Select(p => store.Http.PutAsync($"/{p.Id}", new ByteArrayContent(p.Data))));
        var reads = await Task.WhenAll(photos.Select(p => store.Http.GetByteArrayAsync($"/{p.Id}")));

        Assert.All(writes, w => Assert.Equal(HttpStatusCode.Created, w.StatusCode));
        Assert.Equal(photos.Select(p => p.Data), reads);
        var stats = await StoreStatsReader.ReadAsync(store.Http);
        Assert.Equal(64, stats.GetProperty("puts").GetProperty("count").GetInt64());
        Assert.Equal(photos.Sum(p => p.Data.Length), stats.GetProperty("gets").GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Reads_served_from_pooled_buffers_never_mix_photos_across_rounds_of_concurrent_gets_heads_and_ranges()
    {
        // Each read's bytes live in a pooled buffer that the next read may reuse: a buffer returned before its response
        // was sent would show up here as another photo's bytes.
        await using var store = await TestStore.StartAsync(volumes: [1]);
        var photos = Enumerable.Range(1, 12)
            .Select(i => (Id: $"1,{i:x}0badf00d", Data: Bytes.Random(4096 * i + i, 100 + i)))
            .ToList();
        foreach (var (id, data) in photos)
        {
            (await store.Http.PutAsync($"/{id}", new ByteArrayContent(data))).EnsureSuccessStatusCode();
        }

        for (var round = 0; round < 20; round++)
        {
            var gets = photos.Select(async p => (p.Data, Read: await store.Http.GetByteArrayAsync($"/{p.Id}")));
            var heads = photos.Select(async p => (p.Data, Head: await store.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{p.Id}"))));
            var ranges = photos.Select(async p =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"/{p.Id}");
                request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 2009);
                var response = await store.Http.SendAsync(request);
                return (p.Data, Part: await response.Content.ReadAsByteArrayAsync());
            });
            var results = await Task.WhenAll(gets);
            var headResults = await Task.WhenAll(heads);
            var rangeResults = await Task.WhenAll(ranges);

            Assert.All(results, r => Assert.Equal(r.Data, r.Read));
            Assert.All(headResults, h => Assert.Equal(h.Data.Length, h.Head.Content.Headers.ContentLength));
            Assert.All(rangeResults, r => Assert.Equal(r.Data[10..2010], r.Part));
        }
    }
}
