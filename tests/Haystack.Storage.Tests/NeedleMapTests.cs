using FsCheck;
using FsCheck.Fluent;
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
    public void Ascending_keys_pack_into_sections_without_overflow()
    {
        var map = new NeedleMap();
        for (var key = 1UL; key <= 10_000; key++)
        {
            Assert.Null(Set(map, new NeedleId(key * 3, (uint)(key % 4)), Slot((uint)key * 8)));
        }

        Assert.Equal(10_000, map.Count);
        Assert.Equal(0, map.OverflowCount);
        Assert.True(map.TryGet(new NeedleId(3 * 5000, 5000 % 4), out var slot));
        Assert.Equal(Slot(5000 * 8), slot);
        Assert.False(map.TryGet(new NeedleId(3 * 5000 + 1, 0), out _));
        Assert.False(map.TryGet(new NeedleId(3 * 5000, 3), out _));
    }

    [Fact]
    public void Out_of_order_ids_and_wide_alternate_keys_go_to_the_overflow_and_are_still_found()
    {
        var map = new NeedleMap();
        Set(map, new NeedleId(100, 0), Slot(8));
        Set(map, new NeedleId(50, 0), Slot(16));
        Set(map, new NeedleId(200, 256), Slot(24));
        Set(map, new NeedleId(300, 0), Slot(32));

        Assert.Equal(2, map.OverflowCount);
        Assert.True(map.TryGet(new NeedleId(50, 0), out var early));
        Assert.Equal(Slot(16), early);
        Assert.True(map.TryGet(new NeedleId(200, 256), out var wide));
        Assert.Equal(Slot(24), wide);
        Assert.True(map.TryGet(new NeedleId(300, 0), out _));
    }

    [Fact]
    public void Keys_far_apart_start_new_sections()
    {
        var map = new NeedleMap();
        ulong[] keys = [0, 1, 1UL << 24, (1UL << 24) + 1, 1UL << 40, ulong.MaxValue - 1, ulong.MaxValue];
        for (var i = 0; i < keys.Length; i++)
        {
            Set(map, new NeedleId(keys[i], 0), Slot((uint)(i + 1) * 8));
        }

        Assert.Equal(0, map.OverflowCount);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(map.TryGet(new NeedleId(keys[i], 0), out var slot));
            Assert.Equal(Slot((uint)(i + 1) * 8), slot);
        }
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

    /// <summary>Any sequence of sets and deletes leaves the map agreeing with a plain dictionary.</summary>
    [Fact]
    public void Random_operations_match_a_dictionary()
    {
        var operation =
            from kind in Gen.Choose(0, 3)
            from key in Gen.Choose(0, 2000)
            from alternate in Gen.Choose(0, 300)
            select (Kind: kind, Key: key, Alternate: alternate);
        Prop.ForAll(operation.ArrayOf().ToArbitrary(), ((int Kind, int Key, int Alternate)[] operations) =>
        {
            var map = new NeedleMap();
            var model = new Dictionary<NeedleId, NeedleSlot>();
            uint offset = 8;
            foreach (var (kind, key, alternate) in operations)
            {
                var id = new NeedleId((ulong)key * 1000, (uint)alternate);
                if (kind == 0 && model.TryGetValue(id, out var current) && !current.IsDeleted)
                {
                    Assert.True(map.TryMarkDeleted(id, current));
                    model[id] = NeedleSlot.Deleted;
                }
                else
                {
                    offset += 8;
                    Set(map, id, Slot(offset, (uint)key % 100 + 1));
                    model[id] = Slot(offset, (uint)key % 100 + 1);
                }
            }
            foreach (var (id, slot) in model)
            {
                Assert.True(map.TryGet(id, out var found));
                Assert.Equal(slot, found);
            }
            Assert.Equal(model.Count, map.Count);
        }).QuickCheckThrowOnFailure();
    }
}
