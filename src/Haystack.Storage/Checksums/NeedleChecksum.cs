using System.Text;
using Haystack.Storage.Format;

namespace Haystack.Storage.Checksums;

/// <summary>
/// The checksum a needle's footer stores: CRC32C over its content type bytes and then its data. Readers get it from
/// <see cref="StoredNeedle.Checksum"/>; writers compute it here to hand out the same entity tag.
/// </summary>
public static class NeedleChecksum
{
    public static uint Compute(string? contentType, ReadOnlySpan<byte> data)
    {
        Span<byte> contentTypeBytes = stackalloc byte[NeedleLayout.MaxContentTypeLength];
        var length = contentType is null ? 0 : Encoding.ASCII.GetBytes(contentType, contentTypeBytes);
        return Compute(contentTypeBytes[..length], data);
    }

    internal static uint Compute(ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> data) =>
        Crc32C.Append(Crc32C.Compute(contentType), data);
}
