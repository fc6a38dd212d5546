using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class VolumeRecoveryTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(11);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, VolumeId);

    private Volume Open() => Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);

    /// <summary>Writes keys 1..count (data seeded by key), closes the volume and returns each needle's location.</summary>
    private async Task<List<NeedleLocation>> WriteAndCloseAsync(int count, int size = 200)
    {
        var locations = new List<NeedleLocation>();
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        for (var key = 1; key <= count; key++)
        {
            locations.Add(await volume.WriteAsync(new NeedleId((ulong)key, 0), (uint)key, TestData.Bytes(size, key)));
        }
        return locations;
    }

    private static async Task AssertAllReadableAsync(Volume volume, int count, int size = 200)
    {
        for (var key = 1; key <= count; key++)
        {
            var needle = await volume.ReadAsync(new NeedleId((ulong)key, 0), (uint)key);
            Assert.True(needle is not null, $"needle {key} is missing");
            Assert.Equal(TestData.Bytes(size, key), needle.Data.ToArray());
        }
    }

    [Fact]
    public async Task Needles_overwrites_and_deletes_survive_a_restart()
    {
        var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(1, 0), 1, TestData.Bytes(100, 1));
        await volume.WriteAsync(new NeedleId(2, 0), 2, TestData.Bytes(100, 2));
        await volume.WriteAsync(new NeedleId(2, 0), 3, TestData.Bytes(150, 3));
        await volume.WriteAsync(new NeedleId(3, 0), 4, TestData.Bytes(100, 4));
        await volume.DeleteAsync(new NeedleId(3, 0));
        var before = volume.Stats;
        await volume.DisposeAsync();

        await using var reopened = Open();

        Assert.Equal(TestData.Bytes(100, 1), (await reopened.ReadAsync(new NeedleId(1, 0), 1))!.Data.ToArray());
        Assert.Null(await reopened.ReadAsync(new NeedleId(2, 0), 2));
        Assert.Equal(TestData.Bytes(150, 3), (await reopened.ReadAsync(new NeedleId(2, 0), 3))!.Data.ToArray());
        Assert.Null(await reopened.ReadAsync(new NeedleId(3, 0), 4));
        Assert.Equal(before with { DataFlushes = 0 }, reopened.Stats with { DataFlushes = 0 });
        Assert.Null(reopened.Recovery.IndexRebuildReason);
        Assert.Equal(0, reopened.Recovery.NeedlesScanned);
    }

    [Fact]
    public async Task A_torn_tail_is_cut_and_the_volume_accepts_writes_again()
    {
        await WriteAndCloseAsync(5);
        var length = VolumeFiles.Length(Paths.Data);
        var torn = TestData.Bytes(300, 99);
        torn[0] = (byte)'N'; // looks like the start of a needle header, but is not one
        VolumeFiles.Append(Paths.Data, torn);

        await using (var volume = Open())
        {
            Assert.Equal(300, volume.Recovery.TruncatedBytes);
            Assert.Equal(length, VolumeFiles.Length(Paths.Data));
            await AssertAllReadableAsync(volume, 5);
            await volume.WriteAsync(new NeedleId(6, 0), 6, TestData.Bytes(200, 6));
        }
        await using var again = Open();
        await AssertAllReadableAsync(again, 6);
        Assert.Equal(0, again.Recovery.TruncatedBytes);
    }

    [Fact]
    public async Task A_needle_cut_short_by_a_crash_is_dropped_and_the_ones_before_it_kept()
    {
        await WriteAndCloseAsync(4);
        File.Delete(Paths.Index);
        VolumeFiles.Truncate(Paths.Data, VolumeFiles.Length(Paths.Data) - 17);

        await using var volume = Open();

        Assert.Equal(3, volume.Stats.NeedleCount);
        await AssertAllReadableAsync(volume, 3);
        Assert.Null(await volume.ReadAsync(new NeedleId(4, 0), 4));
        Assert.True(volume.Recovery.TruncatedBytes > 0);
    }

    [Fact]
    public async Task Needles_missing_from_the_index_are_found_by_scanning_the_data()
    {
        await WriteAndCloseAsync(10);
        VolumeFiles.Truncate(Paths.Index, VolumeFiles.IndexHeaderSize + 4 * VolumeFiles.IndexRecordSize + 5);

        await using var volume = Open();

        Assert.Equal(4, volume.Recovery.IndexRecordsLoaded);
        Assert.Equal(6, volume.Recovery.NeedlesScanned);
        Assert.Null(volume.Recovery.IndexRebuildReason);
        await AssertAllReadableAsync(volume, 10);
    }

    [Fact]
    public async Task A_missing_index_is_rebuilt_from_the_data_file_deletes_included()
    {
        var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        for (var key = 1; key <= 8; key++)
        {
            await volume.WriteAsync(new NeedleId((ulong)key, 0), (uint)key, TestData.Bytes(200, key));
        }
        await volume.DeleteAsync(new NeedleId(2, 0));
        await volume.DisposeAsync();
        File.Delete(Paths.Index);

        await using (var rebuilt = Open())
        {
            Assert.Contains("missing", rebuilt.Recovery.IndexRebuildReason);
            Assert.Equal(7, rebuilt.Stats.NeedleCount);
            Assert.Null(await rebuilt.ReadAsync(new NeedleId(2, 0), 2));
            Assert.NotNull(await rebuilt.ReadAsync(new NeedleId(8, 0), 8));
        }
        await using var again = Open();
        Assert.Null(again.Recovery.IndexRebuildReason);
        Assert.Equal(0, again.Recovery.NeedlesScanned);
        Assert.Equal(7, again.Stats.NeedleCount);
    }

    [Fact]
    public async Task A_damaged_index_header_makes_recovery_rebuild_the_index()
    {
        await WriteAndCloseAsync(6);
        VolumeFiles.FlipByte(Paths.Index, 9);

        await using var volume = Open();

        Assert.Contains("header", volume.Recovery.IndexRebuildReason);
        await AssertAllReadableAsync(volume, 6);
    }

    [Fact]
    public async Task A_damaged_index_record_ends_the_index_and_the_data_scan_covers_the_rest()
    {
        await WriteAndCloseAsync(6);
        VolumeFiles.FlipByte(Paths.Index, VolumeFiles.IndexHeaderSize + 2 * VolumeFiles.IndexRecordSize + 3);

        await using var volume = Open();

        Assert.Equal(2, volume.Recovery.IndexRecordsLoaded);
        Assert.Equal(4, volume.Recovery.NeedlesScanned);
        await AssertAllReadableAsync(volume, 6);
    }

    [Fact]
    public async Task An_index_record_pointing_past_the_data_makes_recovery_rebuild_the_index()
    {
        var locations = await WriteAndCloseAsync(3);
        VolumeFiles.Truncate(Paths.Data, locations[2].Offset);

        await using var volume = Open();

        Assert.Contains("outside", volume.Recovery.IndexRebuildReason);
        await AssertAllReadableAsync(volume, 2);
        Assert.Equal(2, volume.Stats.NeedleCount);
    }

    [Fact]
    public async Task A_delete_flag_without_its_tombstone_is_learned_on_first_read()
    {
        var locations = await WriteAndCloseAsync(3);
        VolumeFiles.WriteBytes(Paths.Data, locations[1].Offset + VolumeFiles.NeedleFlagsOffset, [1]);

        await using (var volume = Open())
        {
            Assert.Equal(3, volume.Stats.NeedleCount);
            Assert.Null(await volume.ReadAsync(new NeedleId(2, 0), 2));
            Assert.Equal(2, volume.Stats.NeedleCount);
        }
        await using var again = Open();
        Assert.Equal(2, again.Stats.NeedleCount);
    }

    [Fact]
    public void A_data_file_shorter_than_a_superblock_is_refused_naming_the_file()
    {
        using (Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        VolumeFiles.Truncate(Paths.Data, 10);

        var error = Assert.Throws<VolumeFormatException>(Open);

        Assert.Equal(Paths.Data, error.Path);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_file_with_the_wrong_magic_is_refused()
    {
        using (Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        VolumeFiles.WriteBytes(Paths.Data, 0, "JPEG"u8);

        var error = Assert.Throws<VolumeFormatException>(Open);
        Assert.Contains("not a Haystack volume", error.Message);
    }

    [Fact]
    public void An_unknown_format_version_is_refused_with_the_version_named()
    {
        using (Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        VolumeFiles.WriteUInt16(Paths.Data, 4, 9);

        var error = Assert.Throws<VolumeFormatException>(Open);
        Assert.Contains("format version 9", error.Message);
    }

    [Fact]
    public void A_damaged_superblock_is_refused()
    {
        using (Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        VolumeFiles.FlipByte(Paths.Data, 13);

        var error = Assert.Throws<VolumeFormatException>(Open);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void A_data_file_of_another_volume_is_refused()
    {
        using (Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        File.Move(Paths.Data, new VolumePaths(_directory.Path, new VolumeId(12)).Data);

        var error = Assert.Throws<VolumeFormatException>(() => Volume.Open(_directory.Path, new VolumeId(12)));
        Assert.Contains("holds volume 11, expected volume 12", error.Message);
    }

    [Fact]
    public void A_volume_open_in_one_place_cannot_be_opened_again()
    {
        using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var error = Assert.Throws<IOException>(Open);
        Assert.Contains("in use", error.Message);
    }
}
