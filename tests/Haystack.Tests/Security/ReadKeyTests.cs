using System.Net;

namespace Haystack.Tests.Security;

/// <summary>With a read key configured, reads need it (or the write key), probes stay open, and the read key writes nothing.</summary>
public sealed class ReadKeyTests : IAsyncLifetime
{
    private KeyedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KeyedCluster.StartAsync(withReadKey: true);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_read_needs_the_read_key_once_one_is_configured()
    {
        using var anonymous = KeyedCluster.Client(null);
        using var reader = KeyedCluster.Client(_cluster.Keys.Read);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(_cluster.Cache.Address, _cluster.PhotoId))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(_cluster.Store.HttpAddress, "stats"))).StatusCode);
        Assert.Equal(KeyedCluster.Photo, await reader.GetByteArrayAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId)));
        // The cache presents its own key to the directory and the store behind it.
        Assert.Equal(KeyedCluster.Photo, await reader.GetByteArrayAsync(new Uri(_cluster.Cache.Address, _cluster.PhotoId)));
    }

    [Fact]
    public async Task Probes_stay_open_and_the_read_key_cannot_write()
    {
        using var anonymous = KeyedCluster.Client(null);
        using var reader = KeyedCluster.Client(_cluster.Keys.Read);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(_cluster.Store.HttpAddress, "healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(_cluster.Directory.HttpAddress, "readyz"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.DeleteAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId))).StatusCode);
        Assert.Equal(KeyedCluster.Photo, await reader.GetByteArrayAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId)));
    }
}
