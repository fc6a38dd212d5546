using FsCheck;
using FsCheck.Fluent;
using Haystack.Testing;

namespace Haystack.Storage.Tests;

/// <summary>
/// Random sequences of writes, overwrites, deletes, reopens and compactions agree with a dictionary.
/// Keys are spread over the whole 64-bit range in no order, and the map folds in the background after
/// every few changes, so folds race with the writes, deletes and reads of the sequence.
/// </summary>
public sealed class VolumeModelPropertyTests
{
    private enum Kind
    {
        Write,
        Delete,
        Reopen,
        Compact,
    }

    private readonly record struct Operation(Kind Kind, ulong Key, uint AlternateKey, int Size, int Seed);

    private static readonly Gen<Operation> Operations =
        from kind in Gen.Frequency((6, Gen.Constant(Kind.Write)), (3, Gen.Constant(Kind.Delete)), (1, Gen.Constant(Kind.Reopen)), (1, Gen.Constant(Kind.Compact)))
        from key in Gen.Choose(0, 20)
        from alternate in Gen.Choose(0, 2)
        from size in Gen.Choose(1, 3000)
        from seed in Gen.Choose(0, 1_000_000)
        select new Operation(kind, Spread((ulong)key), (uint)alternate, size, seed);

    private static readonly VolumeOptions Options = TestData.SmallOptions with { MapFoldThreshold = 2 };

    [Fact]
    public void A_volume_behaves_like_a_dictionary_across_reopens_and_compactions()
    {
        Prop.ForAll(Operations.ArrayOf().ToArbitrary(), (Operation[] operations) => Run(operations).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    private static async Task Run(Operation[] operations)
    {
        using var directory = new TemporaryDirectory();
        var volumeId = new VolumeId(61);
        var model = new Dictionary<NeedleId, (uint Cookie, int Size, int Seed)>();
        var volume = Volume.Create(directory.Path, volumeId, Options);
        try
        {
            foreach (var operation in operations)
            {
                var id = new NeedleId(operation.Key, operation.AlternateKey);
                switch (operation.Kind)
                {
                    case Kind.Write:
                        var cookie = (uint)operation.Seed;
                        await volume.WriteAsync(id, cookie, TestData.Bytes(operation.Size, operation.Seed));
                        model[id] = (cookie, operation.Size, operation.Seed);
                        break;
                    case Kind.Delete:
                        Assert.Equal(model.Remove(id), await volume.DeleteAsync(id));
                        break;
                    case Kind.Reopen:
                        await volume.DisposeAsync();
                        volume = Volume.Open(directory.Path, volumeId, Options);
                        break;
                    case Kind.Compact:
                        await volume.CompactAsync();
                        Assert.Equal(0, volume.Stats.GarbageBytes);
                        break;
                }
            }
            await AssertMatchesAsync(volume, model);
            await volume.DisposeAsync();
            volume = Volume.Open(directory.Path, volumeId, Options);
            await AssertMatchesAsync(volume, model);
        }
        finally
        {
            await volume.DisposeAsync();
        }
    }

    private static ulong Spread(ulong key) => key * 0x9E3779B97F4A7C15UL;

    private static async Task AssertMatchesAsync(Volume volume, Dictionary<NeedleId, (uint Cookie, int Size, int Seed)> model)
    {
        for (var key = 0UL; key <= 20; key++)
        {
            var spread = Spread(key);
            for (var alternate = 0u; alternate <= 2; alternate++)
            {
                var id = new NeedleId(spread, alternate);
                if (model.TryGetValue(id, out var expected))
                {
                    var needle = await volume.ReadAsync(id, expected.Cookie);
                    Assert.True(needle is not null, $"needle {id} is missing");
                    Assert.Equal(TestData.Bytes(expected.Size, expected.Seed), needle.Data.ToArray());
                }
                else
                {
                    Assert.Null(volume.EnumerateNeedles().FirstOrDefault(n => n.Id == id && n.IsLive));
                }
            }
        }
        Assert.Equal(model.Count, volume.Stats.NeedleCount);
    }
}
