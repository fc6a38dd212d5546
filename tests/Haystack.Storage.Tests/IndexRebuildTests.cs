using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class IndexRebuildTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(32);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, VolumeId);

    private async Task WriteVolumeAsync()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        for (var key = 1; key <= 10; key++)
        {
            await volume.WriteAsync(new NeedleId((ulong)key, 0), (uint)key, TestData.Bytes(200 + key, key), "image/jpeg");
        }
        await volume.WriteAsync(new NeedleId(4, 0), 44, TestData.Bytes(99, 44));
        await volume.DeleteAsync(new NeedleId(7, 0));
    }

    [Fact]
    public async Task The_rebuilt_index_is_byte_for_byte_what_recovery_writes_for_a_lost_index()
    {
        await WriteVolumeAsync();
        File.Delete(Paths.Index);
        await using (Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        var recovered = await File.ReadAllBytesAsync(Paths.Index);

        var report = await Volume.RebuildIndexAsync(_directory.Path, VolumeId);

        Assert.Equal(recovered, await File.ReadAllBytesAsync(Paths.Index));
        Assert.Equal(11, report.Recovery.NeedlesScanned);
        Assert.NotNull(report.Recovery.IndexRebuildReason);
        Assert.Equal(9, report.Stats.NeedleCount);
        Assert.Equal(2, report.Stats.GarbageNeedleCount); // the overwritten key 4 and the deleted key 7
    }

    [Fact]
    public async Task The_volume_reopens_from_the_rebuilt_index_alone_and_serves_every_live_needle()
    {
        await WriteVolumeAsync();
        await File.WriteAllBytesAsync(Paths.Index, TestData.Bytes(500, 9)); // garbage

        await Volume.RebuildIndexAsync(_directory.Path, VolumeId);

        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        Assert.Null(volume.Recovery.IndexRebuildReason);
        Assert.Equal(0, volume.Recovery.NeedlesScanned);
        Assert.Equal(12, volume.Recovery.IndexRecordsLoaded); // 11 puts and the tombstone
        for (var key = 1; key <= 10; key++)
        {
            var read = await volume.ReadAsync(new NeedleId((ulong)key, 0), key == 4 ? 44u : (uint)key);
            if (key == 7)
            {
                Assert.Null(read);
                continue;
            }
            Assert.Equal(key == 4 ? TestData.Bytes(99, 44) : TestData.Bytes(200 + key, key), read!.Data.ToArray());
        }
    }

    [Fact]
    public async Task The_old_index_is_kept_where_asked()
    {
        await WriteVolumeAsync();
        var old = await File.ReadAllBytesAsync(Paths.Index);
        var kept = Paths.Index + ".old";

        await Volume.RebuildIndexAsync(_directory.Path, VolumeId, kept);

        Assert.Equal(old, await File.ReadAllBytesAsync(kept));
        Assert.True(File.Exists(Paths.Index));
    }

    [Fact]
    public async Task A_torn_tail_is_cut_as_recovery_does()
    {
        await WriteVolumeAsync();
        var intact = VolumeFiles.Length(Paths.Data);
        VolumeFiles.Append(Paths.Data, TestData.Bytes(50, 5));

        var report = await Volume.RebuildIndexAsync(_directory.Path, VolumeId);

        Assert.Equal(50, report.Recovery.TruncatedBytes);
        Assert.Equal(intact, VolumeFiles.Length(Paths.Data));
    }

    [Fact]
    public async Task Refuses_while_the_volume_is_open_and_touches_no_file()
    {
        await WriteVolumeAsync();
        var kept = Paths.Index + ".old";
        var index = await File.ReadAllBytesAsync(Paths.Index);
        await using (var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            var error = await Assert.ThrowsAsync<IOException>(() => Volume.RebuildIndexAsync(_directory.Path, VolumeId, kept));

            Assert.Contains("in use by another process", error.Message);
            Assert.False(File.Exists(kept));
            Assert.NotNull(await volume.ReadAsync(new NeedleId(1, 0), 1));
        }
        Assert.Equal(index, await File.ReadAllBytesAsync(Paths.Index));
    }
}
