using Haystack.Testing;
using Xunit.Abstractions;

namespace Haystack.Storage.Tests;

/// <summary>
/// A real child process writes to a volume and is killed with SIGKILL at a random moment, many times
/// over; after each kill the volume is recovered in this process and checked against what the child
/// said was acknowledged.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly VolumeId VolumeId = new(51);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public Task Acknowledged_writes_survive_SIGKILL_during_concurrent_writes() => RunCyclesAsync("write", cycles: 20, writers: 8, seed: 1);

    [Fact]
    public Task Acknowledged_deletes_and_writes_survive_SIGKILL_during_concurrent_deletes() => RunCyclesAsync("delete", cycles: 8, writers: 8, seed: 2);

    [Fact]
    public async Task The_old_or_the_new_volume_survives_SIGKILL_during_compaction()
    {
        var killedMidCompaction = await RunCyclesAsync("compact", cycles: 10, writers: 4, seed: 3);
        output.WriteLine($"{killedMidCompaction} of 10 kills landed while a compaction file existed");
        Assert.True(killedMidCompaction > 0, "no kill landed in the middle of a compaction: the test proved little");
    }

    [Fact]
    public Task A_needle_read_before_its_writers_acknowledgement_survives_SIGKILL() => RunCyclesAsync("read", cycles: 8, writers: 8, seed: 4);

    /// <returns>How many kills left compaction files behind (crashes in the middle of a compaction).</returns>
    private async Task<int> RunCyclesAsync(string mode, int cycles, int writers, int seed)
    {
        var random = new Random(seed);
        var history = new OperationHistory();
        var paths = new VolumePaths(_directory.Path, VolumeId);
        var killedMidCompaction = 0;
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var runFor = TimeSpan.FromMilliseconds(random.Next(30, 400));
            var lines = await CrashWriterProcess.RunAndKillAsync(
                _directory.Path, VolumeId, mode, writers, keyBase: (ulong)cycle * 100_000_000, seed: seed * 100 + cycle, runFor);
            history.Add(lines);
            if (File.Exists(paths.CompactingData) || File.Exists(paths.CompactingIndex))
            {
                killedMidCompaction++;
            }

            await using var volume = Volume.Open(_directory.Path, VolumeId);
            await history.VerifyAsync(volume);
            Assert.False(File.Exists(paths.CompactingData));
            output.WriteLine($"cycle {cycle}: killed after {runFor.TotalMilliseconds} ms, {history.WritesAcknowledged} writes and " +
                $"{history.DeletesAcknowledged} deletes acknowledged so far; recovery: {volume.Recovery}");
        }
        Assert.True(history.WritesAcknowledged > cycles, $"only {history.WritesAcknowledged} writes were acknowledged: the test proved little");
        if (mode != "write")
        {
            Assert.True(history.DeletesAcknowledged > 0, "no delete was acknowledged: the test proved little");
        }
        if (mode == "read")
        {
            Assert.True(history.ReadsBeforeAcknowledgement > 0, "no needle was read before its acknowledgement: the test proved little");
        }
        if (mode == "compact")
        {
            Assert.True(history.Compactions > 0, "no compaction finished: the test proved little");
        }
        return killedMidCompaction;
    }
}
