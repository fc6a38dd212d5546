using System.Net;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

/// <summary>Uploads that never complete: nothing is stored half-way and the server keeps serving.</summary>
public sealed class BadUploadTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.StartAsync(configure: options => options with
    {
        MinUploadBytesPerSecond = 1000,
        MinUploadGracePeriod = TimeSpan.FromSeconds(1.5),
    });

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task An_upload_cut_half_way_stores_nothing_and_the_server_keeps_serving()
    {
        await _store.Http.PutAsync("/1,1deadbeef", new ByteArrayContent([7, 7]));
        using (var raw = await RawHttp.ConnectAsync(_store.Server.HttpAddress))
        {
            await raw.SendPartialPutAsync("/1,2deadbeef", declaredLength: 100_000, sent: Bytes.Random(40_000, 1));
            raw.Cut();
        }

        await StoreStatsReader.WaitForAsync(_store.Http, "aborted_uploads", 1);

        await HttpAssert.ErrorAsync(await _store.Http.GetAsync("/1,2deadbeef"), HttpStatusCode.NotFound);
        Assert.Equal([7, 7], await _store.Http.GetByteArrayAsync("/1,1deadbeef"));
        var stats = await StoreStatsReader.ReadAsync(_store.Http);
        Assert.Equal(1, stats.GetProperty("volumes")[0].GetProperty("needle_count").GetInt64());
    }

    [Fact]
    public async Task A_stalled_upload_is_aborted_below_the_minimum_rate_and_stores_nothing()
    {
        using var raw = await RawHttp.ConnectAsync(_store.Server.HttpAddress);
        await raw.SendPartialPutAsync("/1,3deadbeef", declaredLength: 100_000, sent: [1, 2, 3]);

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await raw.ReadUntilClosedAsync(bound.Token);

        Assert.StartsWith("HTTP/1.1 408", response);
        await StoreStatsReader.WaitForAsync(_store.Http, "aborted_uploads", 1);
        await HttpAssert.ErrorAsync(await _store.Http.GetAsync("/1,3deadbeef"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await _store.Http.PutAsync("/1,3deadbeef", new ByteArrayContent([1]))).StatusCode);
    }
}
