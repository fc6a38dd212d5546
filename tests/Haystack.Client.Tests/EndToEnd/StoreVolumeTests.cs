using System.Net;

namespace Haystack.Client.Tests.EndToEnd;

/// <summary>The client's store calls against a real <c>haystack dev</c>: volume status with garbage figures, and compaction.</summary>
[Collection(DevCollection.Name)]
public sealed class StoreVolumeTests(DevCluster dev) : IClassFixture<DevCluster>
{
    private HaystackClient Client => dev.Client;

    [Fact]
    public async Task A_store_reports_the_garbage_of_deleted_photos_and_compacting_its_replica_reclaims_exactly_that_file_space()
    {
        var kept = await Client.UploadAsync(Photo(11, 30_000), "image/jpeg");
        var gone = await Client.UploadAsync(Photo(12, 30_000), "image/jpeg");
        await Client.DeleteAsync(gone.Id);
        var volume = gone.Volume;
        var store = (await Client.LookupAsync(gone.Id)).Replicas[0];

        var before = await Client.GetStoreVolumeAsync(store, volume);
        Assert.Contains(before, await Client.ListStoreVolumesAsync(store));
        Assert.True(before.GarbageBytes >= 30_000 && before.GarbageRatio > 0, $"garbage {before.GarbageBytes} ({before.GarbageRatio})");

        var report = await Client.CompactAsync(store, volume);

        var after = await Client.GetStoreVolumeAsync(store, volume);
        Assert.Equal((volume, before.SizeBytes, after.SizeBytes), (report.VolumeId, report.SizeBeforeBytes, report.SizeAfterBytes));
        Assert.Equal(before.SizeBytes - after.SizeBytes, report.ReclaimedBytes);
        Assert.Equal((0L, before.CompactionRevision + 1, report.CompactionRevision), (after.GarbageBytes, after.CompactionRevision, after.CompactionRevision));
        Assert.Equal(after.NeedleCount, report.NeedlesCopied);
        Assert.Equal(Photo(11, 30_000), (await Client.GetFromReplicasAsync(kept.Id)).Data);
    }

    [Fact]
    public async Task A_volume_the_store_does_not_hold_is_a_404_that_names_the_store()
    {
        var store = (await Client.ListVolumesAsync())[0].Replicas[0];

        var status = await Assert.ThrowsAsync<HaystackException>(() => Client.GetStoreVolumeAsync(store, 4_000_000));
        var compaction = await Assert.ThrowsAsync<HaystackException>(() => Client.CompactAsync(store, 4_000_000));

        Assert.All([status, compaction], error => Assert.Equal(HttpStatusCode.NotFound, error.StatusCode));
        Assert.Contains("/volumes/4000000", compaction.Message);
        Assert.Equal(store, status.Server);
    }

    private static byte[] Photo(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
