using Haystack.Cache.Tests.Support;
using Haystack.Testing;

namespace Haystack.Cache.Tests;

/// <summary>
/// Request smuggling (docs/security.md): a body two parsers could frame two ways gets 400 before any endpoint runs, so
/// neither a read nor a delete goes through the cache.
/// </summary>
public sealed class RequestFramingTests
{
    [Fact]
    public async Task Ambiguously_framed_requests_get_400_and_delete_nothing()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = new byte[4000];
        new Random(15).NextBytes(data);
        var id = await cluster.UploadAsync(7, data);
        var failures = new List<string>();

        foreach (var method in new[] { "GET", "DELETE" })
        {
            failures.AddRange(await HostileRequests.AmbiguousFramingFailuresAsync(cluster.Cache.Address, $"/{id}", method));
        }

        Assert.Empty(failures);
        Assert.Equal(data, await cluster.Cache.Http.GetByteArrayAsync($"/{id}"));
    }
}
