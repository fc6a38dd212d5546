using Haystack.Testing;

namespace Haystack.Storage.Tests.Scrubbing;

/// <summary>
/// A whole rebuild (or an import, or a delete) discards the volume's scrub checkpoint, which names the old bytes. A
/// save of the old volume's state racing it must not bring the file back: saves and discards run one at a time, and
/// a save checks, in that turn, that its volume is still open.
/// </summary>
public sealed class ScrubCheckpointTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, new VolumeId(32));

    [Fact]
    public async Task A_discard_racing_a_save_in_progress_waits_for_it_and_leaves_no_checkpoint()
    {
        var stale = new ScrubCheckpoint { Offset = 4096, PassStarted = DateTimeOffset.UtcNow };
        Task discard = Task.CompletedTask;
        var discardEndedDuringSave = true;

        // The rebuild's discard starts after the save decided to write, the moment the race is about.
        var saved = stale.Save(Paths, () =>
        {
            discard = Task.Run(() => ScrubCheckpoint.Discard(Paths));
            discardEndedDuringSave = discard.Wait(Settle);
            return true;
        });
        await discard.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(saved);
        Assert.False(discardEndedDuringSave, "the discard ran while a save was between its check and its rename");
        Assert.False(File.Exists(Paths.ScrubCheckpoint), "a save that began before the rebuild's discard left the old volume's checkpoint");
        Assert.Null(ScrubCheckpoint.Load(Paths));
    }

    [Fact]
    public void A_save_of_a_volume_closed_for_a_rebuild_writes_nothing_after_the_discard()
    {
        new ScrubCheckpoint { Offset = 8, Passes = 3 }.Save(Paths);
        ScrubCheckpoint.Discard(Paths);

        var saved = new ScrubCheckpoint { Offset = 4096, Passes = 3 }.Save(Paths, stillCurrent: () => false);

        Assert.False(saved);
        Assert.False(File.Exists(Paths.ScrubCheckpoint));
        Assert.False(File.Exists(Paths.ScrubCheckpoint + ".tmp"));
    }

    [Fact]
    public void A_save_of_an_open_volume_replaces_the_checkpoint_whole()
    {
        new ScrubCheckpoint { Offset = 8, Passes = 1 }.Save(Paths);

        Assert.True(new ScrubCheckpoint { Offset = 4096, Passes = 2 }.Save(Paths, stillCurrent: () => true));

        var loaded = ScrubCheckpoint.Load(Paths)!;
        Assert.Equal((4096L, 2L), (loaded.Offset, loaded.Passes));
    }
}
