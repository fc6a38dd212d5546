using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class EnumerationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Enumeration_lists_every_needle_in_offset_order_with_its_state()
    {
        await using var volume = Volume.Create(_directory.Path, new VolumeId(1), TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(1, 0), 11, TestData.Bytes(10, 1), "text/plain");
        await volume.WriteAsync(new NeedleId(2, 0), 22, TestData.Bytes(20, 2));
        await volume.WriteAsync(new NeedleId(1, 0), 33, TestData.Bytes(30, 3));
        await volume.DeleteAsync(new NeedleId(2, 0));

        var needles = volume.EnumerateNeedles().ToList();

        Assert.Equal([new NeedleId(1, 0), new NeedleId(2, 0), new NeedleId(1, 0)], needles.Select(n => n.Id));
        Assert.Equal([11u, 22u, 33u], needles.Select(n => n.Cookie));
        Assert.Equal([false, false, true], needles.Select(n => n.IsLive));
        Assert.Equal([false, true, false], needles.Select(n => n.IsDeleted));
        Assert.Equal("text/plain", needles[0].ContentType);
        Assert.Equal(30, needles[2].DataLength);
    }

    [Fact]
    public async Task The_read_stream_yields_the_data_file_bytes_which_open_as_a_copy_of_the_volume()
    {
        var copy = Path.Combine(_directory.Path, "copy");
        Directory.CreateDirectory(copy);
        await using (var volume = Volume.Create(_directory.Path, new VolumeId(4), TestData.SmallOptions))
        {
            for (var key = 1; key <= 20; key++)
            {
                await volume.WriteAsync(new NeedleId((ulong)key, 0), 1, TestData.Bytes(1000, key));
            }
            await using var source = volume.OpenReadStream();
            await using var target = File.Create(new VolumePaths(copy, new VolumeId(4)).Data);
            await source.CopyToAsync(target);
            Assert.Equal(volume.Stats.SizeBytes, source.Length);
        }

        await using var replica = Volume.Open(copy, new VolumeId(4), TestData.SmallOptions);
        Assert.Equal(20, replica.Stats.NeedleCount);
        Assert.Equal(TestData.Bytes(1000, 20), (await replica.ReadAsync(new NeedleId(20, 0), 1))!.Data.ToArray());
    }

    [Fact]
    public async Task A_read_stream_opened_before_a_compaction_still_reads_the_old_file_whole()
    {
        var copy = Path.Combine(_directory.Path, "copy");
        Directory.CreateDirectory(copy);
        await using var volume = Volume.Create(_directory.Path, new VolumeId(5), TestData.SmallOptions);
        for (var key = 1; key <= 10; key++)
        {
            await volume.WriteAsync(new NeedleId((ulong)key, 0), 1, TestData.Bytes(2000, key));
        }
        await volume.DeleteAsync(new NeedleId(3, 0));
        var sizeBefore = volume.Stats.SizeBytes;

        await using (var stream = volume.OpenReadStream())
        {
            await volume.CompactAsync();
            Assert.True(volume.Stats.SizeBytes < sizeBefore);
            await using var target = File.Create(new VolumePaths(copy, new VolumeId(5)).Data);
            await stream.CopyToAsync(target);
            Assert.Equal(sizeBefore, target.Length);
        }

        await using var replica = Volume.Open(copy, new VolumeId(5), TestData.SmallOptions);
        Assert.Equal(0u, replica.Stats.CompactionRevision);
        Assert.Equal(9, replica.Stats.NeedleCount);
        Assert.Equal(TestData.Bytes(2000, 10), (await replica.ReadAsync(new NeedleId(10, 0), 1))!.Data.ToArray());
    }
}
