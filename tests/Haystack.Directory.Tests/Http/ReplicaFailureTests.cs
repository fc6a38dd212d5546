using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Directory.Tests.Http;

/// <summary>
/// Volume 1 lives on stores A and B, volume 2 on B and C; volume 2 is made fuller so the upload rule tries
/// volume 1 first. Creation is off, so only these two volumes exist.
/// </summary>
public sealed class ReplicaFailureTests
{
    [Fact]
    public async Task A_replica_failing_mid_write_moves_the_upload_to_another_volume_and_degrades_the_failed_one()
    {
        await using var stores = await StoreGroup.StartAsync(3, i => i switch { 0 => [1], 1 => [1, 2], _ => [2] });
        await using var directory = await StartOnTwoVolumesAsync(stores);
        await stores[0].StopAsync();
        var photo = Bytes.Photo(4_000, 10);

        var body = await directory.UploadOkAsync(photo);

        var id = PhotoId.Parse(body.GetProperty("id").GetString()!);
        Assert.Equal(2u, id.VolumeId);
        Assert.Equal(VolumeState.Degraded, directory.Volume(1).State);
        Assert.Contains(stores[0].Url.Authority, directory.Volume(1).Reason);
        foreach (var store in new[] { stores[1], stores[2] })
        {
            Assert.Equal(photo, await store.Http.GetByteArrayAsync(new Uri(store.Url, id.ToString())));
        }
        // The copy that reached B's volume 1 before the retry was deleted again: no live needle, no id for it.
        Assert.Equal(0, await LiveNeedlesAsync(stores[1], 1));
        Assert.Equal(1, (await directory.GetJsonAsync("/stats")).GetProperty("upload_retries").GetInt64());
    }

    [Fact]
    public async Task A_degraded_volume_takes_no_uploads_until_its_store_is_back_and_reads_keep_their_locations()
    {
        await using var stores = await StoreGroup.StartAsync(3, i => i switch { 0 => [1], 1 => [1, 2], _ => [2] });
        await using var directory = await StartOnTwoVolumesAsync(stores);
        await stores[0].StopAsync();
        await directory.ProbeAsync();

        Assert.Equal(VolumeState.Degraded, directory.Volume(1).State);
        var lookup = await directory.GetJsonAsync("/dir/lookup?volume=1");
        Assert.Equal("degraded", lookup.GetProperty("state").GetString());
        // The replica that answered the probe is listed first.
        Assert.Equal([stores[1].Url.GetLeftPart(UriPartial.Authority), stores[0].Url.GetLeftPart(UriPartial.Authority)],
            lookup.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("url").GetString()));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2u, (await directory.UploadOkAsync(Bytes.Photo(100, i))).GetProperty("volume").GetUInt32());
        }
        Assert.Equal(0, (await directory.GetJsonAsync("/stats")).GetProperty("upload_retries").GetInt64());

        await stores[0].RestartAsync();
        await directory.ProbeAsync();

        Assert.Equal(VolumeState.Writable, directory.Volume(1).State);
    }

    [Fact]
    public async Task A_replica_that_refuses_writes_as_read_only_makes_the_volume_read_only_and_the_upload_moves_on()
    {
        await using var stores = await StoreGroup.StartAsync(3, i => i switch { 0 => [1], 1 => [1, 2], _ => [2] });
        await using var directory = await StartOnTwoVolumesAsync(stores);
        // Behind the directory's back: only store A knows volume 1 is read-only.
        (await stores[0].Http.PostAsync(new Uri(stores[0].Url, "volumes/1/readonly"), null)).EnsureSuccessStatusCode();

        var body = await directory.UploadOkAsync(Bytes.Photo(1_000, 11));

        Assert.Equal(2u, body.GetProperty("volume").GetUInt32());
        Assert.Equal(VolumeState.ReadOnly, directory.Volume(1).State);
        // The directory made the other replica agree.
        Assert.True(await IsReadOnlyAsync(stores[1], 1));
    }

    [Fact]
    public async Task With_every_store_down_an_upload_gets_503_and_no_id()
    {
        await using var stores = await StoreGroup.StartAsync(3, i => i switch { 0 => [1], 1 => [1, 2], _ => [2] });
        await using var directory = await StartOnTwoVolumesAsync(stores);
        foreach (var store in stores.All)
        {
            await store.StopAsync();
        }

        using var response = await directory.UploadAsync(Bytes.Photo(1_000, 12));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("id", out _));
        var error = body.GetProperty("error").GetString()!;
        // Volume 1 is tried first; volume 2 too, unless the round woken by volume 1's failure degraded it first.
        Assert.Contains("volume 1", error);
        Assert.Contains("no id was issued", error);
        Assert.All([1u, 2u], v => Assert.Equal(VolumeState.Degraded, directory.Volume(v).State));

        using var again = await directory.UploadAsync(Bytes.Photo(1_000, 13));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Contains("No writable volume", await again.Content.ReadAsStringAsync());
    }

    private static async Task<TestDirectory> StartOnTwoVolumesAsync(StoreGroup stores)
    {
        var stateFile = await TestDirectory.SeedStateFileAsync((1, [stores[0], stores[1]]), (2, [stores[1], stores[2]]));
        // Volume 2 gets less free space than volume 1, so the rule (free bytes / (1 + load)) prefers volume 1.
        foreach (var store in new[] { stores[1], stores[2] })
        {
            var content = new ByteArrayContent(Bytes.Photo(64 * 1024, 99));
            (await store.Http.PutAsync(new Uri(store.Url, "2,100000000001"), content)).EnsureSuccessStatusCode();
        }
        var directory = await TestDirectory.StartAsync(stores.All, o => o with { Replication = 2, WritableVolumes = 0 }, stateFile);
        Assert.True(directory.Volume(1).FreeBytes > directory.Volume(2).FreeBytes);
        return directory;
    }

    private static async Task<long> LiveNeedlesAsync(TestStore store, uint volume) =>
        (await store.Http.GetFromJsonAsync<JsonElement>(new Uri(store.Url, $"volumes/{volume}"))).GetProperty("needle_count").GetInt64();

    private static async Task<bool> IsReadOnlyAsync(TestStore store, uint volume) =>
        (await store.Http.GetFromJsonAsync<JsonElement>(new Uri(store.Url, $"volumes/{volume}"))).GetProperty("read_only").GetBoolean();
}
