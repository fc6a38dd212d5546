using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;
using Haystack.Protocol;

namespace Haystack.Directory.Tests.Volumes;

public sealed class StateFileTests
{
    [Fact]
    public async Task A_restarted_directory_keeps_its_volumes_and_never_reuses_a_key()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        var stateFile = TestDirectory.NewStateFile();
        var keys = new List<ulong>();
        IReadOnlyList<LogicalVolume> before;
        await using (var directory = await TestDirectory.StartAsync(stores.All, stateFile: stateFile))
        {
            for (var i = 0; i < 3; i++)
            {
                keys.Add(PhotoId.Parse((await directory.UploadOkAsync(Bytes.Photo(100, i))).GetProperty("id").GetString()!).Key);
            }
            before = directory.Server.Table.List();
        }

        await using var restarted = await TestDirectory.StartAsync(stores.All, stateFile: stateFile);

        Assert.Equal(before.Select(v => (v.Id, v.State)), restarted.Server.Table.List().Select(v => (v.Id, v.State)));
        Assert.Equal(before.Select(v => v.Replicas), restarted.Server.Table.List().Select(v => v.Replicas));
        var next = PhotoId.Parse((await restarted.UploadOkAsync(Bytes.Photo(100, 9))).GetProperty("id").GetString()!).Key;
        Assert.True(next > keys.Max(), $"key {next} after a restart is not above the earlier keys {string.Join(", ", keys)}");
        System.IO.Directory.Delete(Path.GetDirectoryName(stateFile)!, recursive: true);
    }

    [Fact]
    public async Task Keys_handed_out_before_a_crash_are_not_handed_out_again()
    {
        var stateFile = TestDirectory.NewStateFile();
        var keys = new KeySequence(new JsonStateFile(stateFile));
        var handedOut = new List<ulong>();
        for (var i = 0; i < 25; i++)
        {
            handedOut.Add(await keys.NextKeyAsync(CancellationToken.None));
        }

        // No orderly save: a new sequence over the same file is what a restart after SIGKILL sees.
        var afterCrash = new KeySequence(new JsonStateFile(stateFile));

        Assert.True(await afterCrash.NextKeyAsync(CancellationToken.None) > handedOut.Max());
        System.IO.Directory.Delete(Path.GetDirectoryName(stateFile)!, recursive: true);
    }

    [Fact]
    public async Task A_save_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var stateFile = TestDirectory.NewStateFile();
        var source = new JsonStateFile(stateFile);
        var volume = new LogicalVolume { Id = 4, State = VolumeState.Degraded, Replicas = [new Uri("http://127.0.0.1:7101")], Reason = "r", NeedsRepair = true, SizeBytes = 10, SizeLimitBytes = 100, NeedleCount = 2 };

        await source.SaveAsync(volume, v => v, CancellationToken.None);
        var block = await source.ReserveAsync(20_000, CancellationToken.None);
        await source.SaveAsync(volume with { State = VolumeState.ReadOnly }, v => v, CancellationToken.None);
        var reloaded = new JsonStateFile(stateFile);
        var loaded = await reloaded.LoadAsync(CancellationToken.None);

        Assert.Equal(new KeyBlock(1, 20_001), block);
        Assert.Equal(new KeyBlock(20_001, 20_002), await reloaded.ReserveAsync(1, CancellationToken.None));
        var only = Assert.Single(loaded);
        Assert.Equal(volume with { State = VolumeState.ReadOnly, Replicas = only.Replicas }, only);
        Assert.Equal(volume.Replicas, only.Replicas);
        Assert.Equal([stateFile], System.IO.Directory.GetFiles(Path.GetDirectoryName(stateFile)!));
        Assert.Contains("\"state\": \"readonly\"", await File.ReadAllTextAsync(stateFile));
        System.IO.Directory.Delete(Path.GetDirectoryName(stateFile)!, recursive: true);
    }

    [Fact]
    public async Task A_damaged_state_file_stops_the_directory_with_a_message_naming_it()
    {
        var stateFile = TestDirectory.NewStateFile();
        await File.WriteAllTextAsync(stateFile, "{\"volumes\": [");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new VolumeTable(new JsonStateFile(stateFile)).LoadAsync(CancellationToken.None));

        Assert.Contains(stateFile, error.Message);
        Assert.Contains("backup", error.Message);
        System.IO.Directory.Delete(Path.GetDirectoryName(stateFile)!, recursive: true);
    }
}
