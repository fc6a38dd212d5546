using System.Buffers.Binary;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Format;

/// <summary>The fixed 32-byte head of every needle.</summary>
internal readonly record struct NeedleHeader(uint Cookie, NeedleId Id, int DataLength, int ContentTypeLength, NeedleFlags Flags)
{
    public int TotalLength => NeedleLayout.TotalLength(ContentTypeLength, DataLength);

    public bool IsDeleted => (Flags & NeedleFlags.Deleted) != 0;

    public void WriteTo(Span<byte> destination)
    {
        var header = destination[..NeedleLayout.HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header[NeedleLayout.MagicOffset..], NeedleLayout.HeaderMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[NeedleLayout.CookieOffset..], Cookie);
        BinaryPrimitives.WriteUInt64LittleEndian(header[NeedleLayout.KeyOffset..], Id.Key);
        BinaryPrimitives.WriteUInt32LittleEndian(header[NeedleLayout.AlternateKeyOffset..], Id.AlternateKey);
        BinaryPrimitives.WriteInt32LittleEndian(header[NeedleLayout.DataLengthOffset..], DataLength);
        header[NeedleLayout.ContentTypeLengthOffset] = (byte)ContentTypeLength;
        header[NeedleLayout.FlagsOffset] = (byte)Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(header[NeedleLayout.ReservedOffset..], 0);
        var checksum = Crc32C.Compute(header[..NeedleLayout.HeaderChecksumCoverage]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[NeedleLayout.HeaderChecksumOffset..], checksum);
    }

    /// <summary>Parses and verifies a header; returns null with the reason when it is not a valid one.</summary>
    public static NeedleHeader? TryRead(ReadOnlySpan<byte> source, out string? problem)
    {
        if (source.Length < NeedleLayout.HeaderSize)
        {
            problem = "header truncated";
            return null;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[NeedleLayout.MagicOffset..]) != NeedleLayout.HeaderMagic)
        {
            problem = "bad header magic";
            return null;
        }
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(source[NeedleLayout.HeaderChecksumOffset..]);
        if (Crc32C.Compute(source[..NeedleLayout.HeaderChecksumCoverage]) != expected)
        {
            problem = "header checksum mismatch";
            return null;
        }
        var flags = (NeedleFlags)source[NeedleLayout.FlagsOffset];
        var dataLength = BinaryPrimitives.ReadInt32LittleEndian(source[NeedleLayout.DataLengthOffset..]);
        if ((flags & ~NeedleFlags.Deleted) != 0 ||
            BinaryPrimitives.ReadUInt16LittleEndian(source[NeedleLayout.ReservedOffset..]) != 0 ||
            dataLength < 0 || dataLength > NeedleLayout.MaxDataLength)
        {
            problem = "header fields out of range";
            return null;
        }
        problem = null;
        return new NeedleHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source[NeedleLayout.CookieOffset..]),
            new NeedleId(
                BinaryPrimitives.ReadUInt64LittleEndian(source[NeedleLayout.KeyOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(source[NeedleLayout.AlternateKeyOffset..])),
            dataLength,
            source[NeedleLayout.ContentTypeLengthOffset],
            flags);
    }
}
