using System.Buffers.Binary;
using System.Text;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Format;

/// <summary>
/// A needle ready for one vectored write: header and content type, the caller's data untouched,
/// then footer and padding. Built (checksummed) before the volume's append lock is taken.
/// </summary>
internal sealed class EncodedNeedle
{
    private EncodedNeedle(NeedleHeader header, byte[] prefix, ReadOnlyMemory<byte> data, byte[] suffix)
    {
        Header = header;
        Segments = [prefix, data, suffix];
    }

    public NeedleHeader Header { get; }

    public int TotalLength => Header.TotalLength;

    /// <summary>Prefix, data, suffix: written together with one pwritev.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Segments { get; }

    public static EncodedNeedle Create(NeedleId id, uint cookie, string? contentType, ReadOnlyMemory<byte> data)
    {
        var contentTypeLength = contentType is null ? 0 : Encoding.ASCII.GetByteCount(contentType);
        var header = new NeedleHeader(cookie, id, data.Length, contentTypeLength, NeedleFlags.None);
        var prefix = new byte[NeedleLayout.HeaderSize + contentTypeLength];
        header.WriteTo(prefix);
        if (contentType is not null)
        {
            Encoding.ASCII.GetBytes(contentType, prefix.AsSpan(NeedleLayout.HeaderSize));
        }
        var checksum = NeedleChecksum.Compute(prefix.AsSpan(NeedleLayout.HeaderSize), data.Span);
        var suffix = new byte[header.TotalLength - prefix.Length - data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(suffix.AsSpan(NeedleLayout.FooterMagicOffsetInFooter), NeedleLayout.FooterMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(suffix.AsSpan(NeedleLayout.DataChecksumOffsetInFooter), checksum);
        return new EncodedNeedle(header, prefix, data, suffix);
    }
}
