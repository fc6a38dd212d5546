using System.Net;
using Haystack.Store.Tests.Support;

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
}
