using Haystack.Storage.Inspection;
using Haystack.Testing;

namespace Haystack.Storage.Tests.Scrubbing;

public sealed class NeedleRepairTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(32);
    private readonly TemporaryDirectory _damaged = new();
    private readonly TemporaryDirectory _healthy = new();

    public void Dispose()
    {
        _damaged.Dispose();
        _healthy.Dispose();
    }

    /// <summary>Two replicas written alike, as the Directory writes every replica.</summary>
    private async Task<List<NeedleLocation>> WriteReplicasAsync(int count)
    {
        List<NeedleLocation> locations = [];
        foreach (var directory in new[] { _damaged, _healthy })
        {
            await using var volume = Volume.Create(directory.Path, VolumeId, TestData.SmallOptions);
            locations = [];
            for (var i = 0; i < count; i++)
            {
                locations.Add(await volume.WriteAsync(new NeedleId((ulong)i + 1, 7), (uint)(1000 + i), TestData.Bytes(2000 + i, i), "image/png"));
            }
        }
        return locations;
    }

    [Fact]
    public async Task A_damaged_needle_rewritten_from_a_healthy_copy_reads_back_and_the_file_verifies()
    {
        var locations = await WriteReplicasAsync(5);
        var paths = new VolumePaths(_damaged.Path, VolumeId);
        VolumeFiles.FlipByte(paths.Data, locations[2].Offset + 300);
        await using var healthy = Volume.Open(_healthy.Path, VolumeId, TestData.SmallOptions);
        await using var damaged = Volume.Open(_damaged.Path, VolumeId, TestData.SmallOptions);
        var id = new NeedleId(3, 7);
        await Assert.ThrowsAsync<NeedleCorruptException>(() => damaged.ReadAsync(id, 1002).AsTask());

        var copy = await healthy.ReadNeedleBytesAsync(id);
        var outcome = await damaged.RepairNeedleAsync(copy!, id);

        Assert.Equal(NeedleRepair.Rewritten, outcome);
        using (var needle = await damaged.ReadAsync(id, 1002))
        {
            Assert.Equal(TestData.Bytes(2002, 2), needle!.Data.ToArray());
            Assert.Equal(locations[2].Offset, needle.Location.Offset);
        }
        Assert.Equal(locations[^1].Offset + locations[^1].Length, damaged.Stats.SizeBytes);
        using var inspector = VolumeFileInspector.Open(paths.Data);
        Assert.All(inspector.ScanNeedles(), n => Assert.Null(n.Problem));
        Assert.Equal(NeedleRepair.AlreadyIntact, await damaged.RepairNeedleAsync(copy!, id));
    }

    [Fact]
    public async Task A_needle_the_volume_lacks_is_appended_and_survives_a_restart()
    {
        await WriteReplicasAsync(3);
        await using (var healthy = Volume.Open(_healthy.Path, VolumeId, TestData.SmallOptions))
        {
            await healthy.WriteAsync(new NeedleId(9, 0), 5, TestData.Bytes(700, 9));
            var copy = await healthy.ReadNeedleBytesAsync(new NeedleId(9, 0));
            await using var damaged = Volume.Open(_damaged.Path, VolumeId, TestData.SmallOptions);
            damaged.MarkReadOnly();
            Assert.Equal(NeedleRepair.Appended, await damaged.RepairNeedleAsync(copy!, new NeedleId(9, 0)));
        }

        await using var reopened = Volume.Open(_damaged.Path, VolumeId, TestData.SmallOptions);
        using var needle = await reopened.ReadAsync(new NeedleId(9, 0), 5);
        Assert.Equal(TestData.Bytes(700, 9), needle!.Data.ToArray());
    }

    [Fact]
    public async Task A_copy_that_fails_its_checks_or_names_another_needle_is_refused_and_nothing_is_written()
    {
        await WriteReplicasAsync(2);
        await using var healthy = Volume.Open(_healthy.Path, VolumeId, TestData.SmallOptions);
        await using var damaged = Volume.Open(_damaged.Path, VolumeId, TestData.SmallOptions);
        var copy = (await healthy.ReadNeedleBytesAsync(new NeedleId(1, 7)))!;
        var sizeBefore = damaged.Stats.SizeBytes;

        await Assert.ThrowsAsync<InvalidNeedleException>(() => damaged.RepairNeedleAsync(copy, new NeedleId(2, 7)).AsTask());
        copy[100] ^= 0x40;
        var error = await Assert.ThrowsAsync<InvalidNeedleException>(() => damaged.RepairNeedleAsync(copy, new NeedleId(1, 7)).AsTask());

        Assert.Contains("checksum", error.Message);
        Assert.Equal(sizeBefore, damaged.Stats.SizeBytes);
    }

    [Fact]
    public async Task A_deleted_needle_is_not_brought_back_by_a_repair()
    {
        await WriteReplicasAsync(2);
        await using var healthy = Volume.Open(_healthy.Path, VolumeId, TestData.SmallOptions);
        await using var damaged = Volume.Open(_damaged.Path, VolumeId, TestData.SmallOptions);
        var copy = (await healthy.ReadNeedleBytesAsync(new NeedleId(2, 7)))!;
        await damaged.DeleteAsync(new NeedleId(2, 7));

        Assert.Equal(NeedleRepair.Deleted, await damaged.RepairNeedleAsync(copy, new NeedleId(2, 7)));
        Assert.Null(await damaged.ReadAsync(new NeedleId(2, 7), 1001));
    }

    [Fact]
    public async Task A_needle_past_the_end_of_a_file_cut_short_is_refused_in_place()
    {
        var locations = await WriteReplicasAsync(4);
        await using var healthy = Volume.Open(_healthy.Path, VolumeId, TestData.SmallOptions);
        await using var damaged = Volume.Open(_damaged.Path, VolumeId, TestData.SmallOptions);
        LockedFile.Truncate(new VolumePaths(_damaged.Path, VolumeId).Data, locations[3].Offset);
        var copy = (await healthy.ReadNeedleBytesAsync(new NeedleId(4, 7)))!;

        await Assert.ThrowsAsync<NeedleRepairRefusedException>(() => damaged.RepairNeedleAsync(copy, new NeedleId(4, 7)).AsTask());
    }
}
