using System.Net;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

/// <summary>A write the store will refuse anyway is refused before the client sends the body (Expect: 100-continue).</summary>
public sealed class EarlyRefusalTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.StartAsync(volumes: [1]);
        // Wait for the server's answer as long as it takes, so the body goes out only if the server asks for it.
        _client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = _store.Server.HttpAddress,
        };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _store.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Response, bool BodySent)> PutExpectingContinueAsync(string path, int length)
    {
        var content = new WatchedContent(new byte[length]);
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await _client.SendAsync(request);
        return (response, content.WasSent);
    }

    [Fact]
    public async Task A_write_to_a_read_only_volume_is_refused_without_receiving_the_body()
    {
        await _store.Http.PostAsync("/volumes/1/readonly", null);

        var (response, bodySent) = await PutExpectingContinueAsync("/1,1deadbeef", 500_000);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict);
        Assert.False(bodySent);
    }

    [Fact]
    public async Task A_write_to_an_unknown_volume_is_refused_without_receiving_the_body()
    {
        var (response, bodySent) = await PutExpectingContinueAsync("/8,1deadbeef", 500_000);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.False(bodySent);
    }

    [Fact]
    public async Task A_write_the_store_accepts_receives_the_body()
    {
        var (response, bodySent) = await PutExpectingContinueAsync("/1,2deadbeef", 500_000);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(bodySent);
    }

    /// <summary>Request content that records whether HttpClient sent it.</summary>
    private sealed class WatchedContent(byte[] bytes) : ByteArrayContent(bytes)
    {
        public bool WasSent { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            WasSent = true;
            return base.SerializeToStreamAsync(stream, context, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            WasSent = true;
            return base.SerializeToStreamAsync(stream, context);
        }
    }
}
