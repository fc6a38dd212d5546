using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

/// <summary>
/// Issue 15, item 5: malformed and hostile requests over a bare socket (<see cref="HostileRequests"/>) get no 5xx,
/// store nothing, and leave the store answering ordinary requests.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Hostile_requests_get_no_5xx_store_nothing_and_leave_the_store_serving()
    {
        await using var store = await TestStore.StartAsync();
        var volumeBefore = await store.Http.GetStringAsync("/volumes/1");
        var failures = new List<string>();

        foreach (var (path, method) in new[] { ("/1,10badcafe", "PUT"), ("/volumes/1/stream", "PUT") })
        {
            foreach (var (name, bytes) in HostileRequests.For(path, method))
            {
                var status = await HostileRequests.SendAsync(store.Server.HttpAddress, bytes);
                if (HostileRequests.IsServerFailure(status))
                {
                    failures.Add($"{method} {path}, {name}: {status}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(volumeBefore, await store.Http.GetStringAsync("/volumes/1"));
        var photo = Bytes.Random(5000, 15);
        (await store.Http.PutAsync("/1,20badcafe", new ByteArrayContent(photo))).EnsureSuccessStatusCode();
        Assert.Equal(photo, await store.Http.GetByteArrayAsync("/1,20badcafe"));
    }
}
