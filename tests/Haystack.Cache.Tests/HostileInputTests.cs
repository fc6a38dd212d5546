using Haystack.Cache.Tests.Support;
using Haystack.Testing;

namespace Haystack.Cache.Tests;

/// <summary>
/// Issue 15, item 5: malformed and hostile requests over a bare socket (<see cref="HostileRequests"/>) get no 5xx and
/// leave the cache serving photos.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Hostile_requests_get_no_5xx_and_leave_the_cache_serving()
    {
        await using var cluster = await TestCluster.StartAsync();
        var data = new byte[4000];
        new Random(15).NextBytes(data);
        var id = await cluster.UploadAsync(7, data);
        var failures = new List<string>();

        foreach (var (path, method) in new[] { ($"/{id}", "GET"), ($"/{id}", "DELETE"), ("/1,10badcafe", "GET") })
        {
            foreach (var (name, bytes) in HostileRequests.For(path, method))
            {
                var status = await HostileRequests.SendAsync(cluster.Cache.Address, bytes);
                if (HostileRequests.IsServerFailure(status))
                {
                    failures.Add($"{method} {path}, {name}: {status}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(data, await cluster.Cache.Http.GetByteArrayAsync($"/{id}"));
    }
}
