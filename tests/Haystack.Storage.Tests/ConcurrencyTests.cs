using System.Collections.Concurrent;
using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Concurrent_writers_and_readers_see_every_acknowledged_needle_intact()
    {
        var volumeId = new VolumeId(41);
        var acknowledged = new ConcurrentDictionary<ulong, int>();
        await using (var volume = Volume.Create(_directory.Path, volumeId, TestData.SmallOptions))
        {
            var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    var key = (ulong)(writer * 1000 + i);
                    var seed = writer * 1000 + i;
                    await volume.WriteAsync(new NeedleId(key, 0), (uint)seed, TestData.SelfChecking(100 + seed % 5000, seed));
                    acknowledged[key] = seed;
                }
            })).ToList();
            var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(async () =>
            {
                var random = new Random(reader);
                while (writers.Any(w => !w.IsCompleted))
                {
                    var key = (ulong)random.Next(0, 16_000);
                    var needle = await volume.ReadAsync(new NeedleId(key, 0), (uint)key);
                    Assert.True(needle is null || TestData.IsSelfChecking(needle.Data.Span), $"needle {key} returned bytes nobody wrote");
                    if (acknowledged.ContainsKey(key))
                    {
                        Assert.NotNull(await volume.ReadAsync(new NeedleId(key, 0), (uint)key));
                    }
                }
            })).ToList();
            await Task.WhenAll(writers.Concat(readers));
            Assert.Equal(1600, volume.Stats.NeedleCount);
        }

        await using var reopened = Volume.Open(_directory.Path, volumeId, TestData.SmallOptions);
        foreach (var (key, seed) in acknowledged)
        {
            var needle = await reopened.ReadAsync(new NeedleId(key, 0), (uint)seed);
            Assert.Equal(TestData.SelfChecking(100 + seed % 5000, seed), needle!.Data.ToArray());
        }
    }

    [Fact]
    public async Task Concurrent_writes_to_one_key_leave_exactly_one_winner_that_survives_reopen()
    {
        var volumeId = new VolumeId(42);
        var id = new NeedleId(5, 5);
        await using (var volume = Volume.Create(_directory.Path, volumeId, TestData.SmallOptions))
        {
            await Task.WhenAll(Enumerable.Range(0, 32).Select(writer =>
                volume.WriteAsync(id, (uint)writer, TestData.SelfChecking(300, writer)).AsTask()));

            Assert.Equal(1, volume.Stats.NeedleCount);
            Assert.Equal(31, volume.Stats.GarbageNeedleCount);
        }
        await using var reopened = Volume.Open(_directory.Path, volumeId, TestData.SmallOptions);
        var winners = new List<int>();
        for (var writer = 0; writer < 32; writer++)
        {
            if (await reopened.ReadAsync(id, (uint)writer) is { } needle)
            {
                Assert.True(TestData.IsSelfChecking(needle.Data.Span));
                winners.Add(writer);
            }
        }
        Assert.Single(winners);
        var last = reopened.EnumerateNeedles().Last();
        Assert.Equal((uint)winners[0], last.Cookie);
    }
}
