using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

public sealed class VolumeAdminTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.StartAsync(volumes: [1]);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private HttpClient Http => _store.Http;

    private async Task<JsonElement> StatusAsync(uint volumeId) => await Http.GetFromJsonAsync<JsonElement>($"/volumes/{volumeId}");

    [Fact]
    public async Task A_created_volume_is_listed_empty_and_accepts_photos()
    {
        var create = await Http.PostAsync("/volumes/5?replicas=3", null);
        var list = await Http.GetFromJsonAsync<JsonElement>("/volumes");
        var put = await Http.PutAsync("/5,1deadbeef", new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5u, created.GetProperty("volume_id").GetUInt32());
        Assert.Equal(0, created.GetProperty("needle_count").GetInt64());
        Assert.Equal(3, created.GetProperty("replica_count").GetInt32());
        Assert.False(created.GetProperty("read_only").GetBoolean());
        Assert.Equal([1u, 5u], list.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("volume_id").GetUInt32()));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True(File.Exists(_store.DataFile(5)));
    }

    [Fact]
    public async Task Creating_a_volume_that_exists_is_409()
    {
        var error = await HttpAssert.ErrorAsync(await Http.PostAsync("/volumes/1", null), HttpStatusCode.Conflict);

        Assert.Contains("Volume 1 already exists", error);
    }

    [Theory]
    [InlineData("/volumes/abc")]
    [InlineData("/volumes/-1")]
    [InlineData("/volumes/4294967296")]
    public async Task A_malformed_volume_id_is_400(string path)
    {
        await HttpAssert.ErrorAsync(await Http.GetAsync(path), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_zero_replica_count_is_400_and_creates_nothing()
    {
        await HttpAssert.ErrorAsync(await Http.PostAsync("/volumes/6?replicas=0", null), HttpStatusCode.BadRequest);

        Assert.False(File.Exists(_store.DataFile(6)));
    }

    [Fact]
    public async Task Status_of_an_unknown_volume_is_404_naming_it()
    {
        Assert.Contains("Volume 404", await HttpAssert.ErrorAsync(await Http.GetAsync("/volumes/404"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Status_counts_needles_and_the_garbage_a_delete_leaves()
    {
        await Http.PutAsync("/1,1deadbeef", new ByteArrayContent(new byte[1000]));
        await Http.PutAsync("/1,2deadbeef", new ByteArrayContent(new byte[1000]));
        var before = await StatusAsync(1);
        await Http.DeleteAsync("/1,1deadbeef");
        var after = await StatusAsync(1);

        Assert.Equal(2, before.GetProperty("needle_count").GetInt64());
        Assert.Equal(0, before.GetProperty("garbage_bytes").GetInt64());
        Assert.Equal(1, after.GetProperty("needle_count").GetInt64());
        Assert.Equal(1, after.GetProperty("garbage_needle_count").GetInt64());
        Assert.InRange(after.GetProperty("garbage_ratio").GetDouble(), 0.4, 0.6);
        Assert.Equal(new FileInfo(_store.DataFile(1)).Length, after.GetProperty("size_bytes").GetInt64());
    }

    [Fact]
    public async Task A_read_only_volume_refuses_writes_with_409_and_still_serves_reads()
    {
        await Http.PutAsync("/1,1deadbeef", new ByteArrayContent([1, 2]));

        var mark = await Http.PostAsync("/volumes/1/readonly", null);
        var put = await Http.PutAsync("/1,2deadbeef", new ByteArrayContent([3]));

        Assert.True((await mark.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("read_only").GetBoolean());
        Assert.Contains("read-only", await HttpAssert.ErrorAsync(put, HttpStatusCode.Conflict));
        Assert.Equal([1, 2], await Http.GetByteArrayAsync("/1,1deadbeef"));
        await HttpAssert.ErrorAsync(await Http.GetAsync("/1,2deadbeef"), HttpStatusCode.NotFound);
        Assert.True((await StatusAsync(1)).GetProperty("read_only").GetBoolean());
    }

    [Fact]
    public async Task A_read_only_volume_still_honours_deletes()
    {
        await Http.PutAsync("/1,1deadbeef", new ByteArrayContent([1, 2]));
        await Http.PostAsync("/volumes/1/readonly", null);

        var delete = await Http.DeleteAsync("/1,1deadbeef");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await HttpAssert.ErrorAsync(await Http.GetAsync("/1,1deadbeef"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Compaction_through_the_api_drops_deleted_needles_and_keeps_live_ones()
    {
        var kept = Bytes.Random(20_000, 1);
        await Http.PutAsync("/1,1deadbeef", new ByteArrayContent(kept));
        await Http.PutAsync("/1,2deadbeef", new ByteArrayContent(Bytes.Random(50_000, 2)));
        await Http.DeleteAsync("/1,2deadbeef");

        var compact = await Http.PostAsync("/volumes/1/compact", null);

        Assert.Equal(HttpStatusCode.OK, compact.StatusCode);
        var report = await compact.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("reclaimed_bytes").GetInt64() >= 50_000);
        Assert.Equal(1, report.GetProperty("compaction_revision").GetInt64());
        var status = await StatusAsync(1);
        Assert.Equal(0, status.GetProperty("garbage_bytes").GetInt64());
        Assert.Equal(1, status.GetProperty("compaction_revision").GetInt64());
        Assert.Equal(kept, await Http.GetByteArrayAsync("/1,1deadbeef"));
    }

    [Fact]
    public async Task Streaming_a_volume_returns_exactly_the_bytes_of_its_data_file()
    {
        await Http.PutAsync("/1,1deadbeef", new ByteArrayContent(Bytes.Random(30_000, 3)));
        await Http.PutAsync("/1,2deadbeef", new ByteArrayContent(Bytes.Random(10_000, 4)));

        var response = await Http.GetAsync("/volumes/1/stream");
        var streamed = await response.Content.ReadAsByteArrayAsync();
        await _store.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(streamed.Length, response.Content.Headers.ContentLength);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(_store.DataFile(1))), SHA256.HashData(streamed));
    }

    [Fact]
    public async Task Streaming_an_unknown_volume_is_404()
    {
        await HttpAssert.ErrorAsync(await Http.GetAsync("/volumes/9/stream"), HttpStatusCode.NotFound);
    }
}
