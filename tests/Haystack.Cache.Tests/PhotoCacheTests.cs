using Haystack.Cache.Memory;
using Haystack.Protocol;

namespace Haystack.Cache.Tests;

public sealed class PhotoCacheTests
{
    private static PhotoId Id(int key) => new(1, (ulong)key, 0, 0xc0ffee);

    private static CachedPhoto Photo(int bytes) => new(new byte[bytes], "image/jpeg", "0badf00d");

    [Fact]
    public void Bytes_are_the_exact_sum_of_entry_costs_including_overhead()
    {
        var cache = new PhotoCache(1024 * 1024);
        var photos = new[] { Photo(100), new CachedPhoto(new byte[5000], "image/png", "12345678"), Photo(1) };
        for (var i = 0; i < photos.Length; i++)
        {
            Assert.True(cache.Add(Id(i), photos[i]));
        }

        Assert.Equal(photos.Sum(PhotoCache.CostOf), cache.Bytes);
        Assert.Equal(100 + (2 * ("image/jpeg".Length + 8)) + PhotoCache.EntryOverheadBytes, PhotoCache.CostOf(photos[0]));
        Assert.Equal(3, cache.Count);

        cache.Add(Id(0), Photo(300));
        Assert.Equal(photos.Skip(1).Sum(PhotoCache.CostOf) + PhotoCache.CostOf(Photo(300)), cache.Bytes);
        Assert.True(cache.Remove(Id(1)));
        Assert.False(cache.Remove(Id(1)));
        Assert.Equal(PhotoCache.CostOf(photos[2]) + PhotoCache.CostOf(Photo(300)), cache.Bytes);
    }

    [Theory]
    [InlineData(CachePolicy.Lru)]
    [InlineData(CachePolicy.SegmentedLru)]
    [InlineData(CachePolicy.WindowTinyLfu)]
    public void Never_holds_more_bytes_than_its_capacity_and_counts_evictions(CachePolicy policy)
    {
        var cache = new PhotoCache(64 * 1024, policy);
        var random = new Random(5);
        var added = 0;
        for (var i = 0; i < 2000; i++)
        {
            var key = random.Next(300);
            if (random.Next(3) == 0)
            {
                cache.TryGet(Id(key), out _);
            }
            else if (cache.Add(Id(key), Photo(random.Next(1, 6000))))
            {
                added++;
            }
            Assert.InRange(cache.Bytes, 0, cache.CapacityBytes);
        }
        Assert.True(cache.Evictions > 0);
        Assert.True(cache.Count < added);
    }

    [Fact]
    public void A_photo_larger_than_the_entry_limit_is_not_cached_and_evicts_nothing()
    {
        var cache = new PhotoCache(80_000);
        cache.Add(Id(1), Photo(1000));

        Assert.False(cache.Add(Id(2), Photo(10_001)));
        Assert.False(cache.TryGet(Id(2), out _));
        Assert.True(cache.TryGet(Id(1), out _));
        Assert.Equal(0, cache.Evictions);
    }

    [Fact]
    public void Hot_photos_survive_a_scan_of_one_hit_wonders_that_flushes_a_plain_lru()
    {
        // Ten hot photos read twice, then a hundred photos read once each; the cache holds about twenty photos.
        long capacity = 20 * PhotoCache.CostOf(Photo(1000));
        var tinyLfu = new PhotoCache(capacity, CachePolicy.WindowTinyLfu, maxEntryBytes: capacity);
        var segmented = new PhotoCache(capacity, CachePolicy.SegmentedLru, maxEntryBytes: capacity);
        var plain = new PhotoCache(capacity, CachePolicy.Lru, maxEntryBytes: capacity);
        foreach (var cache in new[] { tinyLfu, segmented, plain })
        {
            for (var hot = 0; hot < 10; hot++)
            {
                cache.Add(Id(hot), Photo(1000));
                cache.TryGet(Id(hot), out _);
            }
            for (var once = 100; once < 200; once++)
            {
                cache.Add(Id(once), Photo(1000));
            }
        }

        Assert.All(Enumerable.Range(0, 10), hot => Assert.True(tinyLfu.TryGet(Id(hot), out _)));
        Assert.All(Enumerable.Range(0, 10), hot => Assert.True(segmented.TryGet(Id(hot), out _)));
        Assert.All(Enumerable.Range(0, 10), hot => Assert.False(plain.TryGet(Id(hot), out _)));
    }

    [Fact]
    public void Plain_lru_evicts_the_least_recently_used_photo()
    {
        long capacity = 3 * PhotoCache.CostOf(Photo(1000));
        var cache = new PhotoCache(capacity, CachePolicy.Lru, maxEntryBytes: capacity);
        cache.Add(Id(1), Photo(1000));
        cache.Add(Id(2), Photo(1000));
        cache.Add(Id(3), Photo(1000));
        cache.TryGet(Id(1), out _);

        cache.Add(Id(4), Photo(1000));

        Assert.False(cache.TryGet(Id(2), out _));
        Assert.True(cache.TryGet(Id(1), out _));
        Assert.True(cache.TryGet(Id(3), out _));
        Assert.Equal(1, cache.Evictions);
    }

    [Fact]
    public void A_newcomer_read_once_does_not_displace_a_photo_read_more_often_but_one_read_again_does()
    {
        // Room for four photos in the main segment; the 1% window is smaller than a photo, so a new photo
        // competes with the eviction candidate at once.
        long capacity = (4 * PhotoCache.CostOf(Photo(1000)) * 100 / 99) + 100;
        var cache = new PhotoCache(capacity, CachePolicy.WindowTinyLfu, maxEntryBytes: capacity);
        for (var key = 1; key <= 4; key++)
        {
            cache.TryGet(Id(key), out _);
            cache.TryGet(Id(key), out _);
            Assert.True(cache.Add(Id(key), Photo(1000)));
        }

        cache.TryGet(Id(9), out _);
        Assert.False(cache.Add(Id(9), Photo(1000)));
        Assert.Equal(4, cache.Count);

        for (var read = 0; read < 3; read++)
        {
            cache.TryGet(Id(9), out _);
        }
        Assert.True(cache.Add(Id(9), Photo(1000)));
        Assert.True(cache.TryGet(Id(9), out _));
        Assert.Equal(4, cache.Count);
        Assert.Equal(2, cache.Evictions);
    }

    [Theory]
    [InlineData(CachePolicy.Lru)]
    [InlineData(CachePolicy.SegmentedLru)]
    [InlineData(CachePolicy.WindowTinyLfu)]
    public async Task Concurrent_readers_and_writers_keep_the_accounting_exact(CachePolicy policy)
    {
        var cache = new PhotoCache(256 * 1024, policy);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 20_000; i++)
            {
                var id = Id(random.Next(500));
                switch (random.Next(4))
                {
                    case 0:
                        cache.Remove(id);
                        break;
                    case 1:
                        cache.Add(id, Photo(random.Next(1, 4000)));
                        break;
                    default:
                        if (cache.TryGet(id, out var photo))
                        {
                            Assert.NotNull(photo.Data);
                        }
                        break;
                }
            }
        })));

        var expected = Enumerable.Range(0, 500).Sum(key => cache.TryGet(Id(key), out var photo) ? PhotoCache.CostOf(photo) : 0);
        Assert.Equal(expected, cache.Bytes);
        Assert.InRange(cache.Bytes, 0, cache.CapacityBytes);
    }
}
