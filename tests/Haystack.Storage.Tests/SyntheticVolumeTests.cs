using Haystack.Storage.Benchmarking;

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
}
