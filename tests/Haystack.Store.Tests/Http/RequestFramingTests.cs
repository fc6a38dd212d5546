using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

/// <summary>
/// Request smuggling (docs/security.md): a body two parsers could frame two ways gets 400 before any endpoint runs,
/// on writes and reads alike, and stores nothing.
/// </summary>
public sealed class RequestFramingTests
{
    [Fact]
    public async Task Ambiguously_framed_requests_get_400_and_store_nothing()
    {
        await using var store = await TestStore.StartAsync();
        var volumeBefore = await store.Http.GetStringAsync("/volumes/1");
        var failures = new List<string>();

        foreach (var (path, method) in new[] { ("/1,10badcafe", "PUT"), ("/1,10badcafe", "GET"), ("/volumes/1/stream", "PUT"), ("/volumes/1", "DELETE") })
        {
            failures.AddRange(await HostileRequests.AmbiguousFramingFailuresAsync(store.Server.HttpAddress, path, method));
        }

        Assert.Empty(failures);
        Assert.Equal(volumeBefore, await store.Http.GetStringAsync("/volumes/1"));
    }

    [Fact]
    public async Task A_plainly_chunked_request_still_reaches_the_endpoint()
    {
        await using var store = await TestStore.StartAsync();
        var request = "PUT /1,10badcafe HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"u8.ToArray();

        var (response, _) = await HostileRequests.ExchangeAsync(store.Server.HttpAddress, request);

        // The upload endpoint's own refusal: it wants the length up front.
        Assert.StartsWith("HTTP/1.1 411 ", response);
        Assert.Contains("chunked uploads are not accepted", response);
    }
}
