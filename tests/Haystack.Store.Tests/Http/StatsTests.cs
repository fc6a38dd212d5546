using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

public sealed class StatsTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.StartAsync(volumes: [1, 2]);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Stats_count_successful_operations_and_their_payload_bytes()
    {
        await _store.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(new byte[100]));
        await _store.Http.PutAsync("/1,2deadbeef", new ByteArrayContent(new byte[200]));
        await _store.Http.PutAsync("/2,3deadbeef", new ByteArrayContent(new byte[300]));
        await _store.Http.GetByteArrayAsync("/1,2deadbeef");
        await _store.Http.GetByteArrayAsync("/2,3deadbeef");
        await _store.Http.DeleteAsync("/1,1deadbeef");
        await _store.Http.GetAsync("/1,1deadbeef");
        await _store.Http.PutAsync("/1,bad", new ByteArrayContent([1]));

        var stats = await StoreStatsReader.ReadAsync(_store.Http);

        AssertFigures(stats.GetProperty("puts"), count: 3, bytes: 600);
        AssertFigures(stats.GetProperty("gets"), count: 2, bytes: 500);
        AssertFigures(stats.GetProperty("deletes"), count: 1, bytes: 0);
        Assert.Equal(1, stats.GetProperty("not_found").GetInt64());
        Assert.Equal(0, stats.GetProperty("corrupt_reads").GetInt64());
        var volumes = stats.GetProperty("volumes").EnumerateArray().ToDictionary(v => v.GetProperty("volume_id").GetUInt32());
        Assert.Equal(1, volumes[1].GetProperty("needle_count").GetInt64());
        Assert.Equal(1, volumes[1].GetProperty("garbage_needle_count").GetInt64());
        Assert.Equal(1, volumes[2].GetProperty("needle_count").GetInt64());
    }

    [Fact]
    public async Task Healthz_and_readyz_answer_ok_once_volumes_are_open()
    {
        var health = await _store.Http.GetAsync("/healthz");
        var ready = await _store.Http.GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(2, ready.GetProperty("volumes").GetInt32());
    }

    [Theory]
    [InlineData("GET", "/volumes/1/nothing")]
    [InlineData("POST", "/haystack.store.v1.Store/Read")]
    public async Task A_path_that_is_no_endpoint_is_404_with_an_error_body(string method, string path)
    {
        var response = await _store.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Contains(path, await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound));
    }

    private static void AssertFigures(JsonElement figures, long count, long bytes)
    {
        Assert.Equal(count, figures.GetProperty("count").GetInt64());
        Assert.Equal(bytes, figures.GetProperty("bytes").GetInt64());
        var average = figures.GetProperty("avg").GetDouble();
        Assert.True(count == 0 ? average == 0 : average > 0, $"avg {average} for {count} requests");
    }
}
