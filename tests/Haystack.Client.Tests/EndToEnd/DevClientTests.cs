using System.Net;

namespace Haystack.Client.Tests.EndToEnd;

/// <summary>The client against a real <c>haystack dev</c>: every call an app makes, and the not-found cases.</summary>
[Collection(DevCollection.Name)]
public sealed class DevClientTests(DevCluster dev) : IClassFixture<DevCluster>
{
    private HaystackClient Client => dev.Client;

    [Fact]
    public async Task An_uploaded_photo_reads_back_through_the_cache_and_from_the_replicas_until_it_is_deleted()
    {
        var data = Photo(1, 40_000);
        await using var file = new MemoryStream(data);

        var stored = await Client.UploadAsync(file, "image/jpeg");

        Assert.Equal(data.Length, stored.Size);
        Assert.Equal(new Uri(dev.CacheUrl, stored.Id.ToString()), stored.Url);
        var miss = await Client.GetAsync(stored.Id);
        Assert.Equal(data, miss.Data);
        Assert.Equal(("MISS", "image/jpeg"), (miss.CacheStatus, miss.ContentType));
        Assert.NotNull(miss.ETag);
        Assert.Equal("HIT", (await Client.GetAsync(stored.Id)).CacheStatus);
        var direct = await Client.GetFromReplicasAsync(stored.Id);
        Assert.Equal(data, direct.Data);
        Assert.Contains(direct.Source, (await Client.LookupAsync(stored.Id)).Replicas);

        await Client.DeleteAsync(stored.Id);

        await Assert.ThrowsAsync<PhotoNotFoundException>(() => Client.GetAsync(stored.Id));
        await Assert.ThrowsAsync<PhotoNotFoundException>(() => Client.GetFromReplicasAsync(stored.Id));
        var again = await Assert.ThrowsAsync<PhotoNotFoundException>(() => Client.DeleteAsync(stored.Id));
        Assert.Contains("was not found on any replica", again.Message);
    }

    [Fact]
    public async Task A_wrong_cookie_is_not_found_everywhere_and_neither_hides_nor_deletes_the_photo()
    {
        var data = Photo(2, 3000);
        var stored = await Client.UploadAsync(data, "image/png");
        var forged = stored.Id with { Cookie = stored.Id.Cookie ^ 1u };

        Assert.Equal(forged, (await Assert.ThrowsAsync<PhotoNotFoundException>(() => Client.GetAsync(forged))).Id);
        await Assert.ThrowsAsync<PhotoNotFoundException>(() => Client.GetFromReplicasAsync(forged));
        await Assert.ThrowsAsync<PhotoNotFoundException>(() => Client.DeleteAsync(forged));
        foreach (var replica in (await Client.LookupAsync(stored.Id)).Replicas)
        {
            var probe = await Client.ProbeAsync(replica, forged);
            Assert.Equal(HttpStatusCode.NotFound, probe.Status);
            Assert.True((await Client.ProbeAsync(replica, stored.Id)).Holds);
        }
        Assert.Equal(data, (await Client.GetAsync(stored.Id)).Data);
    }

    [Fact]
    public async Task A_photo_uploaded_under_its_own_key_and_alternate_key_keeps_them_in_its_id()
    {
        var stored = await Client.UploadAsync(Photo(3, 500), "image/webp", new UploadOptions { Key = 0x5eed_0000_0001, AlternateKey = 2 });

        Assert.Equal((0x5eed_0000_0001UL, 2u), (stored.Id.Key, stored.Id.AlternateKey));
        Assert.Equal("image/webp", (await Client.GetFromReplicasAsync(stored.Id)).ContentType);
    }

    [Fact]
    public async Task The_volume_table_lookups_probes_and_stats_describe_the_cluster()
    {
        var stored = await Client.UploadAsync(Photo(4, 5000), "image/jpeg");

        var volumes = await Client.ListVolumesAsync();
        var volume = Assert.Single(volumes, entry => entry.Id == stored.Volume);
        Assert.Equal(3, volume.Replicas.Count);
        Assert.True(volume.Needles >= 1);
        var location = await Client.LookupAsync(stored.Id);
        Assert.Equal((stored.Volume, VolumeState.Writable, 3), (location.Volume, location.State, location.Replicas.Count));
        foreach (var replica in location.Replicas)
        {
            var probe = await Client.ProbeAsync(replica, stored.Id);
            Assert.Equal((true, 5000L), (probe.Holds, probe.Size));
        }
        var stats = await Client.GetStatsAsync(dev.CacheUrl);
        Assert.True(stats.TryGetProperty("hits", out _), stats.GetRawText());
        Assert.True((await Client.GetStatsAsync(dev.DirectoryUrl)).GetProperty("uploads").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_cancelled_token_stops_every_call()
    {
        var stored = await Client.UploadAsync(Photo(5, 100), "image/jpeg");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.UploadAsync(Photo(6, 100), "image/jpeg", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetAsync(stored.Id, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetFromReplicasAsync(stored.Id, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.DeleteAsync(stored.Id, cancelled.Token));
        Assert.Equal(100, (await Client.GetAsync(stored.Id)).Data.Length);
    }

    private static byte[] Photo(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
