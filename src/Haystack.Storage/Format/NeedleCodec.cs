using System.Buffers.Binary;
using System.Text;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Format;

/// <summary>Verifies whole needles read back from disk: header, length, footer magic and data checksum.</summary>
internal static class NeedleCodec
{
    /// <summary>Returns null when <paramref name="needle"/> starts with a whole valid needle, else what is wrong.</summary>
    public static string? Verify(ReadOnlySpan<byte> needle, out NeedleHeader header)
    {
        var parsed = NeedleHeader.TryRead(needle, out var problem);
        if (parsed is null)
        {
            header = default;
            return problem;
        }
        header = parsed.Value;
        if (needle.Length < header.TotalLength)
        {
            return $"needle truncated: {needle.Length} of {header.TotalLength} bytes present";
        }
        var footer = needle[FooterOffset(header)..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer[NeedleLayout.FooterMagicOffsetInFooter..]) != NeedleLayout.FooterMagic)
        {
            return "bad footer magic";
        }
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(footer[NeedleLayout.DataChecksumOffsetInFooter..]);
        if (Crc32C.Compute(Body(needle, header)) != expected)
        {
            return "data checksum mismatch";
        }
        return null;
    }

    /// <summary>
    /// Like <see cref="Verify(ReadOnlySpan{byte}, out NeedleHeader)"/>, and the needle must be the one the map names at
    /// this offset: the same id and total length. What a read and a scrub both check.
    /// </summary>
    public static string? Verify(ReadOnlySpan<byte> needle, NeedleId expectedId, int expectedLength, out NeedleHeader header)
    {
        var problem = Verify(needle, out header);
        if (problem is null && header.Id != expectedId)
        {
            problem = $"the bytes at this offset belong to needle {header.Id}";
        }
        if (problem is null && header.TotalLength != expectedLength)
        {
            problem = $"the needle is {header.TotalLength} bytes, the index says {expectedLength}";
        }
        return problem;
    }

    /// <summary>The footer's checksum of a needle <see cref="Verify"/> accepted.</summary>
    public static uint StoredChecksum(ReadOnlySpan<byte> needle, NeedleHeader header) =>
        BinaryPrimitives.ReadUInt32LittleEndian(needle[(FooterOffset(header) + NeedleLayout.DataChecksumOffsetInFooter)..]);

    /// <summary>Content type bytes followed by the data: the range the footer checksum covers.</summary>
    public static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> needle, NeedleHeader header) =>
        needle.Slice(NeedleLayout.HeaderSize, header.ContentTypeLength + header.DataLength);

    public static string? ContentType(ReadOnlySpan<byte> needle, NeedleHeader header) =>
        header.ContentTypeLength == 0
            ? null
            : Encoding.ASCII.GetString(needle.Slice(NeedleLayout.HeaderSize, header.ContentTypeLength));

    public static int DataOffset(NeedleHeader header) => NeedleLayout.HeaderSize + header.ContentTypeLength;

    private static int FooterOffset(NeedleHeader header) => DataOffset(header) + header.DataLength;
}
