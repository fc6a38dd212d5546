using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class VolumeRoundTripTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(7);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_written_needle_reads_back_with_its_data_and_content_type()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var data = TestData.Bytes(10_000, seed: 1);
        var location = await volume.WriteAsync(new NeedleId(42, 0), 0xC0FFEE, data, "image/jpeg");

        var needle = await volume.ReadAsync(new NeedleId(42, 0), 0xC0FFEE);

        Assert.NotNull(needle);
        Assert.Equal(data, needle.Data.ToArray());
        Assert.Equal("image/jpeg", needle.ContentType);
        Assert.Equal(location, needle.Location);
        Assert.Equal(0, location.Offset % 8);
    }

    [Fact]
    public async Task A_needle_without_content_type_reads_back_with_null()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(1, 0), 5, new byte[] { 9 });

        var needle = await volume.ReadAsync(new NeedleId(1, 0), 5);

        Assert.Null(needle!.ContentType);
        Assert.Equal(new byte[] { 9 }, needle.Data.ToArray());
    }

    [Fact]
    public async Task A_wrong_cookie_reads_as_not_found()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(3, 0), 1234, TestData.Bytes(100, 3));

        Assert.Null(await volume.ReadAsync(new NeedleId(3, 0), 1235));
        Assert.Null(await volume.ReadAsync(new NeedleId(4, 0), 1234));
    }

    [Fact]
    public async Task Overwriting_a_key_serves_the_newest_needle_and_counts_the_old_as_garbage()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var id = new NeedleId(10, 0);
        var first = await volume.WriteAsync(id, 1, TestData.Bytes(500, 1));
        await volume.WriteAsync(id, 2, TestData.Bytes(700, 2));

        Assert.Null(await volume.ReadAsync(id, 1));
        Assert.Equal(TestData.Bytes(700, 2), (await volume.ReadAsync(id, 2))!.Data.ToArray());
        var stats = volume.Stats;
        Assert.Equal(1, stats.NeedleCount);
        Assert.Equal(1, stats.GarbageNeedleCount);
        Assert.Equal(first.Length, stats.GarbageBytes);
    }

    [Fact]
    public async Task Alternate_keys_are_separate_needles_of_one_key()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        uint[] alternates = [0, 1, 2, 255, 256, uint.MaxValue];
        foreach (var alternate in alternates)
        {
            await volume.WriteAsync(new NeedleId(99, alternate), 7, TestData.Bytes(64, (int)(alternate % 1000)));
        }

        foreach (var alternate in alternates)
        {
            var needle = await volume.ReadAsync(new NeedleId(99, alternate), 7);
            Assert.Equal(TestData.Bytes(64, (int)(alternate % 1000)), needle!.Data.ToArray());
        }
        Assert.Null(await volume.ReadAsync(new NeedleId(99, 3), 7));
    }

    [Fact]
    public async Task A_deleted_needle_is_gone_and_counted_as_garbage()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var id = new NeedleId(5, 1);
        var location = await volume.WriteAsync(id, 9, TestData.Bytes(300, 5));

        Assert.True(await volume.DeleteAsync(id));
        Assert.False(await volume.DeleteAsync(id));

        Assert.Null(await volume.ReadAsync(id, 9));
        Assert.Equal(0, volume.Stats.NeedleCount);
        Assert.Equal(location.Length, volume.Stats.GarbageBytes);
        Assert.Equal(1.0, volume.Stats.GarbageRatio);
    }

    [Fact]
    public async Task Deleting_an_unknown_needle_returns_false()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        Assert.False(await volume.DeleteAsync(new NeedleId(1, 0)));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 1)]
    public async Task Keys_at_the_edges_round_trip(ulong key)
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(key, 0), 1, TestData.Bytes(33, 1));
        await volume.WriteAsync(new NeedleId(key, uint.MaxValue), 2, TestData.Bytes(34, 2));

        Assert.Equal(TestData.Bytes(33, 1), (await volume.ReadAsync(new NeedleId(key, 0), 1))!.Data.ToArray());
        Assert.Equal(TestData.Bytes(34, 2), (await volume.ReadAsync(new NeedleId(key, uint.MaxValue), 2))!.Data.ToArray());
    }

    [Fact]
    public async Task Stats_report_sizes_and_counts()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions with { ReplicaCount = 3 });
        var a = await volume.WriteAsync(new NeedleId(1, 0), 1, TestData.Bytes(1000, 1));
        var b = await volume.WriteAsync(new NeedleId(2, 0), 1, TestData.Bytes(2000, 2));

        var stats = volume.Stats;
        Assert.Equal(VolumeId, stats.VolumeId);
        Assert.Equal(2, stats.NeedleCount);
        Assert.Equal(a.Length + b.Length, stats.LiveBytes);
        Assert.Equal(b.Offset + b.Length, stats.SizeBytes);
        Assert.Equal(0, stats.GarbageRatio);
        Assert.Equal((byte)3, stats.ReplicaCount);
        Assert.False(stats.IsReadOnly);
    }
}
