using Haystack.Storage.Benchmarking;
using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class SyntheticVolumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(SyntheticKeys.Ascending)]
    [InlineData(SyntheticKeys.Random)]
    public async Task A_synthetic_volume_opens_from_its_index_with_every_needle_readable(SyntheticKeys keys)
    {
        SyntheticVolume.Build(_directory.Path, new VolumeId(70), needleCount: 5000, dataBytes: 100, keys);

        await using var volume = Volume.Open(_directory.Path, new VolumeId(70));

        Assert.Equal(5000, volume.Recovery.IndexRecordsLoaded);
        Assert.Equal(0, volume.Recovery.NeedlesScanned);
        Assert.Equal(5000, volume.Stats.NeedleCount);
        var needles = volume.EnumerateNeedles().ToList();
        Assert.All(needles, needle => Assert.True(needle.IsLive));
        var last = needles[^1];
        Assert.Equal(100, (await volume.ReadAsync(last.Id, last.Cookie))!.Data.Length);
        if (keys == SyntheticKeys.Ascending)
        {
            Assert.Equal(Enumerable.Range(1, 5000).Select(k => (ulong)k), needles.Select(n => n.Id.Key));
        }
    }

    [Fact]
    public async Task An_index_spanning_many_read_chunks_loads_up_to_a_damaged_record_and_the_scan_does_the_rest()
    {
        var paths = new VolumePaths(_directory.Path, new VolumeId(71));
        SyntheticVolume.Build(_directory.Path, paths.VolumeId, needleCount: 150_000, dataBytes: 1, SyntheticKeys.Ascending);
        VolumeFiles.FlipByte(paths.Index, VolumeFiles.IndexHeaderSize + 100_000L * VolumeFiles.IndexRecordSize + 4);

        await using var volume = Volume.Open(_directory.Path, paths.VolumeId);

        Assert.Equal(100_000, volume.Recovery.IndexRecordsLoaded);
        Assert.Equal(50_000, volume.Recovery.NeedlesScanned);
        Assert.Null(volume.Recovery.IndexRebuildReason);
        Assert.Equal(150_000, volume.Stats.NeedleCount);
        var last = volume.EnumerateNeedles().Last();
        Assert.Equal(150_000UL, last.Id.Key);
        Assert.NotNull(await volume.ReadAsync(last.Id, last.Cookie));
    }
}
