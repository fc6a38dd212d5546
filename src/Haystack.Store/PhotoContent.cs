using System.Globalization;

namespace Haystack.Store;

/// <summary>A verified needle as served: its bytes, content type and entity tag.</summary>
/// <param name="Checksum">CRC32C of the data; the entity tag is its 8 lowercase hex digits.</param>
public sealed record PhotoContent(PhotoId Id, ReadOnlyMemory<byte> Data, string ContentType, uint Checksum)
{
    public const string DefaultContentType = "application/octet-stream";

    public string ETag => Checksum.ToString("x8", CultureInfo.InvariantCulture);
}
