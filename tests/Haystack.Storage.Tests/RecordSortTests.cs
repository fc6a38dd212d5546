using Haystack.Storage.Memory;

namespace Haystack.Storage.Tests;

public sealed class RecordSortTests
{
    /// <summary>Enough records for several parallel slices; few distinct ids, so stability is tested on every id.</summary>
    [Theory]
    [InlineData(3_000_000, 0UL)]
    [InlineData(50_000, 0xFFFF_0000_0000_0000UL)]
    public void Records_end_up_ordered_by_id_and_in_their_original_order_within_an_id(int count, ulong keyMask)
    {
        var random = new Random(count);
        var ids = Enumerable.Range(0, 40_000)
            .Select(_ => new NeedleId((ulong)random.NextInt64() & ~keyMask | (ulong)random.Next(2) << 63 & ~keyMask, (uint)random.Next(3) << 17))
            .ToArray();
        var records = new LoadedRecord[count + 7];
        ulong varyingKeys = 0;
        uint varyingAlternateKeys = 0;
        for (var i = 0; i < count; i++)
        {
            var id = ids[random.Next(ids.Length)];
            records[i] = new LoadedRecord(id, new NeedleSlot((uint)i + 1, 1), isTombstone: i % 5 == 0);
            varyingKeys |= id.Key ^ records[0].Key;
            varyingAlternateKeys |= id.AlternateKey ^ records[0].AlternateKey;
        }

        var sorted = RecordSort.Sort(records, count, varyingKeys, varyingAlternateKeys);

        for (var i = 1; i < count; i++)
        {
            var order = sorted[i - 1].Id.CompareTo(sorted[i].Id);
            Assert.True(order < 0 || (order == 0 && sorted[i - 1].OffsetUnits < sorted[i].OffsetUnits), $"records {i - 1} and {i} are out of order");
            Assert.Equal(sorted[i].OffsetUnits % 5 == 1, sorted[i].IsTombstone);
        }
    }
}
