using FsCheck;
using FsCheck.Fluent;
using Haystack.Storage.Format;
using Haystack.Storage.Memory;

namespace Haystack.Storage.Tests;

public sealed class NeedleMapTests
{
    private static NeedleSlot Slot(uint offset, uint length = 4) => new(offset, length);

    private static NeedleSlot? Set(NeedleMap map, NeedleId id, NeedleSlot slot)
    {
        var previous = map.SetIfNewer(id, slot, out var applied);
        Assert.True(applied);
        return previous;
    }

    [Fact]
    public void A_slot_at_a_lower_offset_never_replaces_a_live_higher_one()
    {
        var map = new NeedleMap();
        var packed = new NeedleId(10, 0);
        var overflowed = new NeedleId(5, 300);
        Set(map, packed, Slot(800));
        Set(map, overflowed, Slot(900));

        Assert.Equal(Slot(800), map.SetIfNewer(packed, Slot(400), out var packedApplied));
        Assert.Equal(Slot(900), map.SetIfNewer(overflowed, Slot(400), out var overflowApplied));

        Assert.False(packedApplied);
        Assert.False(overflowApplied);
        Assert.True(map.TryGet(packed, out var kept));
        Assert.Equal(Slot(800), kept);
        Assert.True(map.TryMarkDeleted(packed, Slot(800)));
        Assert.Equal(NeedleSlot.Deleted, map.SetIfNewer(packed, Slot(400), out var afterDelete));
        Assert.True(afterDelete);
    }

    [Fact]
    public async Task Entries_of_any_key_order_fold_into_the_packed_index_and_are_still_found()
    {
        var map = new NeedleMap(foldThreshold: 1000);
        var random = new Random(5);
        var ids = Enumerable.Range(0, 20_000).Select(i => new NeedleId((ulong)random.NextInt64() << 1 | (uint)i & 1, (uint)random.Next(0, 3) * 1000)).Distinct().ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Null(Set(map, ids[i], Slot((uint)i * 8 + 8, (uint)(i % 300) + 1)));
        }
        await map.FoldAsync();

        Assert.Equal(ids.Length, map.PackedCount);
        Assert.Equal(0, map.UnfoldedCount);
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.True(map.TryGet(ids[i], out var slot));
            Assert.Equal(Slot((uint)i * 8 + 8, (uint)(i % 300) + 1), slot);
            Assert.False(map.TryGet(new NeedleId(ids[i].Key, ids[i].AlternateKey + 1), out _));
        }
    }

    [Fact]
    public async Task Keys_at_the_ends_of_the_range_and_wide_alternate_keys_pack()
    {
        var map = new NeedleMap();
        ulong[] keys = [ulong.MaxValue, 0, 1UL << 40, 1, 1UL << 24, ulong.MaxValue - 1, (1UL << 24) + 1];
        for (var i = 0; i < keys.Length; i++)
        {
            Set(map, new NeedleId(keys[i], uint.MaxValue - (uint)i), Slot((uint)(i + 1) * 8, IndexRecord.MaxLengthUnits));
        }
        await map.FoldAsync();

        Assert.Equal(keys.Length, map.PackedCount);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(map.TryGet(new NeedleId(keys[i], uint.MaxValue - (uint)i), out var slot));
            Assert.Equal(Slot((uint)(i + 1) * 8, IndexRecord.MaxLengthUnits), slot);
        }
    }

    [Fact]
    public async Task A_slot_that_does_not_fit_its_packed_block_is_kept_beside_it_until_the_next_fold()
    {
        var map = new NeedleMap();
        var ids = Enumerable.Range(1, 64).Select(i => new NeedleId((ulong)i * 10, 0)).ToArray();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            Set(map, id, Slot((uint)i + 8, 4));
        }
        await map.FoldAsync();

        Assert.Equal(Slot(8 + 5, 4), Set(map, ids[5], Slot(8 + 70, 4)));
        Assert.Equal(0, map.UnfoldedCount);
        Assert.Equal(Slot(8 + 6, 4), Set(map, ids[6], Slot(1_000_000, 9)));
        Assert.True(map.TryMarkDeleted(ids[7], Slot(8 + 7, 4)));
        Assert.Equal(1, map.UnfoldedCount);
        Assert.True(map.TryGet(ids[6], out var moved));
        Assert.Equal(Slot(1_000_000, 9), moved);

        await map.FoldAsync();
        Assert.Equal(0, map.UnfoldedCount);
        Assert.Equal(63, map.PackedCount);
        Assert.True(map.TryGet(ids[5], out var inPlace));
        Assert.Equal(Slot(8 + 70, 4), inPlace);
        Assert.True(map.TryGet(ids[6], out moved));
        Assert.Equal(Slot(1_000_000, 9), moved);
        Assert.False(map.TryGet(ids[7], out _));
    }

    [Fact]
    public void Set_returns_the_previous_slot_and_delete_needs_the_current_one()
    {
        var map = new NeedleMap();
        var id = new NeedleId(7, 1);
        Set(map, id, Slot(8));

        Assert.Equal(Slot(8), Set(map, id, Slot(16)));
        Assert.False(map.TryMarkDeleted(id, Slot(8)));
        Assert.True(map.TryMarkDeleted(id, Slot(16)));
        Assert.True(map.TryGet(id, out var deleted));
        Assert.True(deleted.IsDeleted);
        Assert.Equal(NeedleSlot.Deleted, Set(map, id, Slot(24)));
    }

    /// <summary>
    /// Any sequence of sets, deletes and folds, with keys in random order over the whole 64-bit range,
    /// leaves the map agreeing with a plain dictionary at every step.
    /// </summary>
    [Fact]
    public void Random_operations_in_random_key_order_match_a_dictionary()
    {
        var operation =
            from kind in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
            from key in Gen.Choose(0, 500)
            from alternate in Gen.Choose(0, 300)
            from length in Gen.Choose(1, 2000)
            select (Kind: kind, Key: key, Alternate: alternate, Length: length);
        Prop.ForAll(operation.ArrayOf().ToArbitrary(), Gen.Choose(1, 64).ToArbitrary(), ((int Kind, int Key, int Alternate, int Length)[] operations, int threshold) =>
        {
            var map = new NeedleMap(threshold);
            var model = new Dictionary<NeedleId, NeedleSlot>();
            uint offset = 8;
            foreach (var (kind, key, alternate, length) in operations)
            {
                // Spread the small generated keys over the 64-bit range in no particular order.
                var id = new NeedleId((ulong)key * 0x9E3779B97F4A7C15UL, (uint)alternate % 3 == 0 ? (uint)alternate : 0);
                if (kind == 1 && model.TryGetValue(id, out var current) && !current.IsDeleted)
                {
                    Assert.True(map.TryMarkDeleted(id, current));
                    model[id] = NeedleSlot.Deleted;
                }
                else if (kind == 2)
                {
                    map.FoldAsync().Wait();
                    Assert.Equal(0, map.UnfoldedCount);
                }
                else
                {
                    offset += (uint)length;
                    var expected = model.TryGetValue(id, out var old) ? old : (NeedleSlot?)null;
                    Assert.Equal(expected is { IsDeleted: false } ? expected : null, LiveOrNull(Set(map, id, Slot(offset, (uint)length))));
                    model[id] = Slot(offset, (uint)length);
                }
                AssertAgrees(map, model);
            }
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// Writers that set, overwrite and delete their own random keys race with back-to-back folds and
    /// readers: a reader never misses a needle its writer has set and not deleted, and the end state
    /// agrees with each writer's own record.
    /// </summary>
    [Fact]
    public async Task Folds_racing_with_writes_deletes_and_reads_lose_nothing()
    {
        var map = new NeedleMap(foldThreshold: 200);
        using var stop = new CancellationTokenSource();
        var folder = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await map.FoldAsync();
            }
        });
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(() => Write(map, writer))).ToArray();
        var models = await Task.WhenAll(writers);
        stop.Cancel();
        await folder;
        await map.FoldAsync();

        foreach (var model in models)
        {
            AssertAgrees(map, model);
        }
    }

    private static Dictionary<NeedleId, NeedleSlot> Write(NeedleMap map, int writer)
    {
        var random = new Random(writer);
        var model = new Dictionary<NeedleId, NeedleSlot>();
        var ids = Enumerable.Range(0, 3000).Select(_ => new NeedleId((ulong)random.NextInt64() << 2 | (uint)writer, 0)).ToArray();
        // Offsets only grow, per writer in its own range, as appends do.
        var offset = (uint)writer << 28;
        for (var step = 0; step < 40_000; step++)
        {
            var id = ids[random.Next(ids.Length)];
            if (random.Next(4) == 0 && model.TryGetValue(id, out var live) && !live.IsDeleted)
            {
                Assert.True(map.TryMarkDeleted(id, live));
                model[id] = NeedleSlot.Deleted;
            }
            else
            {
                offset += (uint)random.Next(1, 40);
                var slot = Slot(offset, (uint)random.Next(1, 3000));
                map.SetIfNewer(id, slot, out var applied);
                Assert.True(applied);
                model[id] = slot;
            }
            var probe = ids[random.Next(ids.Length)];
            if (model.TryGetValue(probe, out var expected) && !expected.IsDeleted)
            {
                Assert.True(map.TryGet(probe, out var found), $"needle {probe} went missing during a fold");
                Assert.Equal(expected, found);
            }
        }
        return model;
    }

    private static NeedleSlot? LiveOrNull(NeedleSlot? slot) => slot is { IsDeleted: false } ? slot : null;

    private static void AssertAgrees(NeedleMap map, Dictionary<NeedleId, NeedleSlot> model)
    {
        foreach (var (id, slot) in model)
        {
            var found = map.TryGet(id, out var held);
            if (slot.IsDeleted)
            {
                Assert.True(!found || held.IsDeleted, $"deleted needle {id} is live at {held}");
            }
            else
            {
                Assert.True(found, $"needle {id} is missing");
                Assert.Equal(slot, held);
            }
        }
    }
}
