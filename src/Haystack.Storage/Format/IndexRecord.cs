using System.Buffers.Binary;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Format;

/// <summary>
/// One 24-byte record of the index file: a needle was appended (put) or deleted (tombstone).
/// Offsets and lengths are in 8-byte units, like the in-memory map.
/// </summary>
internal readonly record struct IndexRecord(NeedleId Id, uint OffsetUnits, uint LengthUnits, bool IsTombstone)
{
    public const int Size = 24;
    public const uint MaxLengthUnits = (1u << 24) - 1;

    private const int KeyOffset = 0;
    private const int AlternateKeyOffset = 8;
    private const int NeedleOffsetOffset = 12;
    private const int LengthOffset = 16;
    private const int FlagsOffset = 19;
    private const int ChecksumOffset = 20;
    private const byte TombstoneFlag = 1;

    /// <summary>Byte after the needle this record names: where a scan for unindexed needles resumes.</summary>
    public long NeedleEnd => ((long)OffsetUnits + LengthUnits) * NeedleLayout.Alignment;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination[KeyOffset..], Id.Key);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[AlternateKeyOffset..], Id.AlternateKey);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[NeedleOffsetOffset..], OffsetUnits);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[LengthOffset..], LengthUnits & MaxLengthUnits);
        destination[FlagsOffset] = IsTombstone ? TombstoneFlag : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ChecksumOffset..], Crc32C.Compute(destination[..ChecksumOffset]));
    }

    /// <summary>Reads a record; null when it is cut short or its checksum or flags show it is torn or damaged.</summary>
    public static IndexRecord? TryRead(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || Crc32C.Compute(source[..ChecksumOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(source[ChecksumOffset..]))
        {
            return null;
        }
        var flags = source[FlagsOffset];
        if (flags > TombstoneFlag)
        {
            return null;
        }
        return new IndexRecord(
            new NeedleId(
                BinaryPrimitives.ReadUInt64LittleEndian(source[KeyOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(source[AlternateKeyOffset..])),
            BinaryPrimitives.ReadUInt32LittleEndian(source[NeedleOffsetOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[LengthOffset..]) & MaxLengthUnits,
            flags == TombstoneFlag);
    }
}
