using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class CompactionTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(31);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, VolumeId);

    private Volume Open() => Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);

    [Fact]
    public async Task Compaction_drops_deleted_and_overwritten_needles_and_keeps_the_live_ones()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        for (var key = 1; key <= 100; key++)
        {
            await volume.WriteAsync(new NeedleId((ulong)key, 0), (uint)key, TestData.Bytes(1000, key));
        }
        for (var key = 1; key <= 100; key += 2)
        {
            await volume.DeleteAsync(new NeedleId((ulong)key, 0));
        }
        for (var key = 2; key <= 20; key += 2)
        {
            await volume.WriteAsync(new NeedleId((ulong)key, 0), (uint)key + 1000, TestData.Bytes(500, key + 1000));
        }
        var before = volume.Stats;

        var result = await volume.CompactAsync();

        var after = volume.Stats;
        Assert.Equal(1u, result.CompactionRevision);
        Assert.Equal(50, result.NeedlesCopied);
        Assert.Equal(before.SizeBytes, result.SizeBeforeBytes);
        Assert.Equal(after.SizeBytes, result.SizeAfterBytes);
        Assert.Equal(64 + before.LiveBytes, after.SizeBytes);
        Assert.Equal(before.NeedleCount, after.NeedleCount);
        Assert.Equal(0, after.GarbageBytes);
        Assert.Equal(1u, after.CompactionRevision);
        for (var key = 1; key <= 100; key++)
        {
            var id = new NeedleId((ulong)key, 0);
            if (key % 2 == 1)
            {
                Assert.Null(await volume.ReadAsync(id, (uint)key));
            }
            else if (key <= 20)
            {
                Assert.Null(await volume.ReadAsync(id, (uint)key));
                Assert.Equal(TestData.Bytes(500, key + 1000), (await volume.ReadAsync(id, (uint)key + 1000))!.Data.ToArray());
            }
            else
            {
                Assert.Equal(TestData.Bytes(1000, key), (await volume.ReadAsync(id, (uint)key))!.Data.ToArray());
            }
        }
        Assert.False(File.Exists(Paths.CompactingData));
        Assert.False(File.Exists(Paths.CompactingIndex));
    }

    [Fact]
    public async Task A_compacted_volume_reopens_from_its_new_index_and_keeps_working()
    {
        await using (var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            for (var key = 1; key <= 30; key++)
            {
                await volume.WriteAsync(new NeedleId((ulong)key, 0), 1, TestData.Bytes(300, key));
            }
            await volume.DeleteAsync(new NeedleId(5, 0));
            await volume.CompactAsync();
            await volume.WriteAsync(new NeedleId(31, 0), 1, TestData.Bytes(300, 31));
            await volume.DeleteAsync(new NeedleId(6, 0));
        }

        await using var reopened = Open();

        Assert.Null(reopened.Recovery.IndexRebuildReason);
        Assert.Equal(0, reopened.Recovery.NeedlesScanned);
        Assert.Equal(29, reopened.Stats.NeedleCount);
        Assert.Equal(1u, reopened.Stats.CompactionRevision);
        Assert.Null(await reopened.ReadAsync(new NeedleId(6, 0), 1));
        Assert.Equal(TestData.Bytes(300, 31), (await reopened.ReadAsync(new NeedleId(31, 0), 1))!.Data.ToArray());
        Assert.Equal(TestData.Bytes(300, 30), (await reopened.ReadAsync(new NeedleId(30, 0), 1))!.Data.ToArray());
    }

    [Fact]
    public async Task Leftovers_of_a_compaction_that_never_committed_are_discarded_on_open()
    {
        await using (var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            await volume.WriteAsync(new NeedleId(1, 0), 1, TestData.Bytes(300, 1));
        }
        File.WriteAllBytes(Paths.CompactingData, TestData.Bytes(100, 5));
        File.WriteAllBytes(Paths.CompactingIndex, TestData.Bytes(10, 6));

        await using var reopened = Open();

        Assert.Contains("discarded", reopened.Recovery.CompactionResolution);
        Assert.False(File.Exists(Paths.CompactingData));
        Assert.False(File.Exists(Paths.CompactingIndex));
        Assert.Equal(TestData.Bytes(300, 1), (await reopened.ReadAsync(new NeedleId(1, 0), 1))!.Data.ToArray());
        Assert.Null(reopened.Recovery.IndexRebuildReason);
    }

    [Fact]
    public async Task A_crash_between_the_data_and_index_renames_is_finished_on_open()
    {
        await using (var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            await volume.WriteAsync(new NeedleId(1, 0), 1, TestData.Bytes(300, 1));
            await volume.WriteAsync(new NeedleId(2, 0), 1, TestData.Bytes(300, 2));
            await volume.DeleteAsync(new NeedleId(1, 0));
            await volume.CompactAsync();
        }
        File.Move(Paths.Index, Paths.CompactingIndex);

        await using var reopened = Open();

        Assert.Contains("completed", reopened.Recovery.CompactionResolution);
        Assert.Null(reopened.Recovery.IndexRebuildReason);
        Assert.Equal(1, reopened.Stats.NeedleCount);
        Assert.Equal(TestData.Bytes(300, 2), (await reopened.ReadAsync(new NeedleId(2, 0), 1))!.Data.ToArray());
    }

    [Fact]
    public async Task An_index_older_than_the_compacted_data_is_rebuilt()
    {
        var staleIndex = Path.Combine(_directory.Path, "stale.idx");
        await using (var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            await volume.WriteAsync(new NeedleId(1, 0), 1, TestData.Bytes(300, 1));
            await volume.WriteAsync(new NeedleId(2, 0), 1, TestData.Bytes(300, 2));
            await volume.DeleteAsync(new NeedleId(1, 0));
        }
        File.Copy(Paths.Index, staleIndex);
        await using (var volume = Open())
        {
            await volume.CompactAsync();
        }
        File.Copy(staleIndex, Paths.Index, overwrite: true);

        await using var reopened = Open();

        Assert.Contains("compaction revision 0", reopened.Recovery.IndexRebuildReason);
        Assert.Equal(1, reopened.Stats.NeedleCount);
        Assert.Null(await reopened.ReadAsync(new NeedleId(1, 0), 1));
        Assert.Equal(TestData.Bytes(300, 2), (await reopened.ReadAsync(new NeedleId(2, 0), 1))!.Data.ToArray());
    }

    [Fact]
    public async Task Compaction_runs_while_writers_deleters_and_readers_continue()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var model = new System.Collections.Concurrent.ConcurrentDictionary<ulong, int>();
        for (var key = 1; key <= 400; key++)
        {
            await volume.WriteAsync(new NeedleId((ulong)key, 0), 1, TestData.SelfChecking(2000, key));
            model[(ulong)key] = key;
        }
        using var stop = new CancellationTokenSource();
        var keyLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            while (!stop.IsCancellationRequested)
            {
                var key = (ulong)random.Next(1, 800);
                var seed = random.Next();
                // One operation per key at a time, so the model knows each key's final state exactly.
                var keyLock = keyLocks[key % 64];
                await keyLock.WaitAsync();
                try
                {
                    if (random.Next(4) == 0)
                    {
                        await volume.DeleteAsync(new NeedleId(key, 0));
                        model.TryRemove(key, out _);
                    }
                    else
                    {
                        await volume.WriteAsync(new NeedleId(key, 0), 1, TestData.SelfChecking(1500, seed));
                        model[key] = seed;
                    }
                }
                finally
                {
                    keyLock.Release();
                }
            }
        })).ToList();
        var readers = Enumerable.Range(0, 2).Select(reader => Task.Run(async () =>
        {
            var random = new Random(100 + reader);
            while (!stop.IsCancellationRequested)
            {
                var needle = await volume.ReadAsync(new NeedleId((ulong)random.Next(1, 800), 0), 1);
                Assert.True(needle is null || TestData.IsSelfChecking(needle.Data.Span), "a reader saw bytes nobody wrote");
            }
        })).ToList();

        for (var compaction = 1; compaction <= 3; compaction++)
        {
            await Task.Delay(100);
            var result = await volume.CompactAsync();
            Assert.Equal((uint)compaction, result.CompactionRevision);
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers.Concat(readers));

        await AssertMatchesModelAsync(volume, model);
        await volume.DisposeAsync();
        await using var reopened = Open();
        await AssertMatchesModelAsync(reopened, model);
    }

    private static async Task AssertMatchesModelAsync(Volume volume, IReadOnlyDictionary<ulong, int> model)
    {
        for (var key = 1UL; key < 800; key++)
        {
            var needle = await volume.ReadAsync(new NeedleId(key, 0), 1);
            if (model.TryGetValue(key, out var seed))
            {
                Assert.True(needle is not null, $"needle {key} lost");
                Assert.Equal(TestData.SelfChecking(needle.Data.Length, seed), needle.Data.ToArray());
            }
            else
            {
                Assert.Null(needle);
            }
        }
        Assert.Equal(model.Count, volume.Stats.NeedleCount);
    }
}
