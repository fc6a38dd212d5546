using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Cache.Tests.Support;

/// <summary>Three real stores holding volume 1, a fake Directory listing them, and one cache node in front.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(TestStore[] stores, FakeDirectory directory, TestCache cache)
    {
        Stores = stores;
        Directory = directory;
        Cache = cache;
    }

    public TestStore[] Stores { get; }

    public FakeDirectory Directory { get; }

    public TestCache Cache { get; }

    public static async Task<TestCluster> StartAsync(string volumeState = "writable", Func<CacheOptions, CacheOptions>? configure = null)
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestStore.StartAsync()));
        var directory = await FakeDirectory.StartAsync();
        directory.SetVolume(1, volumeState, [.. stores.Select(s => s.Url)]);
        var cache = await TestCache.StartAsync(directory.Address, configure);
        return new TestCluster(stores, directory, cache);
    }

    /// <summary>Writes the photo to every replica, as the Directory's upload does.</summary>
    public async Task<PhotoId> UploadAsync(ulong key, byte[] data, string contentType = "image/jpeg")
    {
        var id = new PhotoId(1, key, 0, (uint)(key * 2654435761UL) | 1);
        await Task.WhenAll(Stores.Select(store => store.PutAsync(id.ToString(), data, contentType)));
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.DisposeAsync();
        await Directory.DisposeAsync();
        foreach (var store in Stores)
        {
            await store.DisposeAsync();
        }
    }
}
