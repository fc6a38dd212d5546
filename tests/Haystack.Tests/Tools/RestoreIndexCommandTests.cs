using Haystack.Storage;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.Tools;

public sealed class RestoreIndexCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Rebuilds_a_lost_index_so_the_volume_opens_from_it_and_serves_every_live_needle()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);
        File.Delete(volume.IndexFile);

        var result = await HaystackCli.RunAsync("restore-index", volume.DataFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{volume.Written.Count} needles indexed, 4 live", result.Output);
        Assert.True(File.Exists(volume.IndexFile));
        await using var reopened = Volume.Open(_directory.Path, new VolumeId(TestVolume.Id));
        Assert.Null(reopened.Recovery.IndexRebuildReason);
        Assert.Equal(0, reopened.Recovery.NeedlesScanned); // everything came from the rebuilt index
        Assert.Equal(volume.Written.Count + 1, reopened.Recovery.IndexRecordsLoaded); // puts plus the tombstone
        await AssertServesLiveNeedlesAsync(volume, reopened);
    }

    [Fact]
    public async Task Replaces_a_damaged_index_and_keeps_the_old_one_beside_it()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);
        var damaged = new byte[200];
        Random.Shared.NextBytes(damaged);
        await File.WriteAllBytesAsync(volume.IndexFile, damaged);

        var result = await HaystackCli.RunAsync("restore-index", volume.DataFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(damaged, await File.ReadAllBytesAsync(volume.IndexFile + ".old"));
        var verify = await HaystackCli.RunAsync("verify", volume.DataFile);
        Assert.Contains("consistent with the data file", verify.Output);
        await using var reopened = Volume.Open(_directory.Path, new VolumeId(TestVolume.Id));
        await AssertServesLiveNeedlesAsync(volume, reopened);
    }

    [Fact]
    public async Task Refuses_while_a_store_holds_the_volume_and_leaves_its_index_in_place()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);
        var index = await File.ReadAllBytesAsync(volume.IndexFile);
        CliResult result;
        await using (Volume.Open(_directory.Path, new VolumeId(TestVolume.Id)))
        {
            result = await HaystackCli.RunAsync("restore-index", volume.DataFile);
        }

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Stop the store serving this volume", result.Error);
        Assert.Equal(index, await File.ReadAllBytesAsync(volume.IndexFile));
    }

    private static async Task AssertServesLiveNeedlesAsync(TestVolume volume, Volume reopened)
    {
        var newest = volume.Written.GroupBy(w => w.Id).Select(g => g.Last());
        foreach (var (id, cookie, data, _) in newest)
        {
            var read = await reopened.ReadAsync(id, cookie);
            if (id.Key == 3)
            {
                Assert.Null(read); // deleted before the index was lost: still deleted
            }
            else
            {
                Assert.Equal(data, read!.Data.ToArray());
            }
        }
    }

    public void Dispose() => _directory.Dispose();
}
