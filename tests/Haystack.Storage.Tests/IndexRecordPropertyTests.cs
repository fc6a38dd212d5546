using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Haystack.Storage.Checksums;
using Haystack.Storage.Format;

namespace Haystack.Storage.Tests;

/// <summary>
/// Issue 15, item 5: the index record decoder (<see cref="IndexRecord.TryRead"/>, what recovery and inspection read
/// the .idx file with) on valid, random, bit-flipped and cut records. Every byte it reads is under its checksum, so it
/// accepts only bytes it would have written itself.
/// </summary>
public sealed class IndexRecordPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void A_written_record_reads_back_the_same()
    {
        Prop.ForAll<ulong, uint, Tuple<uint, uint, bool>>((key, alternateKey, rest) =>
        {
            var record = new IndexRecord(new NeedleId(key, alternateKey), rest.Item1, rest.Item2 & IndexRecord.MaxLengthUnits, rest.Item3);
            Assert.Equal(record, IndexRecord.TryRead(Encode(record)));
        }).Check(Runs);
    }

    [Fact]
    public void Every_flipped_bit_is_refused()
    {
        Prop.ForAll<ulong, uint, Tuple<uint, uint, byte>>((key, alternateKey, rest) =>
        {
            var bytes = Encode(new IndexRecord(new NeedleId(key, alternateKey), rest.Item1, rest.Item2 & IndexRecord.MaxLengthUnits, rest.Item3 % 2 == 0));
            var bit = rest.Item3 % (IndexRecord.Size * 8);
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Null(IndexRecord.TryRead(bytes));
        }).Check(Runs);
    }

    [Fact]
    public void Random_bytes_are_refused_or_are_exactly_a_record_it_would_write()
    {
        // Random records rarely pass a CRC by chance, so half the cases get a right checksum over random fields.
        Prop.ForAll<byte[], bool>((bytes, fixChecksum) =>
        {
            var record = new byte[IndexRecord.Size];
            bytes.AsSpan(0, Math.Min(bytes.Length, record.Length)).CopyTo(record);
            if (fixChecksum)
            {
                // The checksum is the record's last four bytes, over all before it.
                BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(IndexRecord.Size - 4), Crc32C.Compute(record.AsSpan(0, IndexRecord.Size - 4)));
            }

            if (IndexRecord.TryRead(record) is { } read)
            {
                Assert.Equal(record, Encode(read));
            }
        }).Check(Runs);
    }

    [Fact]
    public void A_record_cut_short_is_refused()
    {
        Prop.ForAll<ulong, uint, byte>((key, offsetUnits, cut) =>
        {
            var bytes = Encode(new IndexRecord(new NeedleId(key, 0), offsetUnits, 3, false));
            Assert.Null(IndexRecord.TryRead(bytes.AsSpan(0, cut % IndexRecord.Size)));
        }).Check(Runs);
    }

    private static byte[] Encode(IndexRecord record)
    {
        var bytes = new byte[IndexRecord.Size];
        record.WriteTo(bytes);
        return bytes;
    }
}
