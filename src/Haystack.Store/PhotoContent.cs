using System.Globalization;
using Haystack.Protocol;

namespace Haystack.Store;

/// <summary>
/// A needle as served: its bytes, content type and entity tag. A read's bytes live in the engine's pooled buffer
/// until <see cref="Dispose"/>; a caller that hands <see cref="Data"/> on without copying simply never disposes.
/// </summary>
/// <param name="Checksum">The needle's stored CRC32C (content type and data); the entity tag is its 8 lowercase hex digits.</param>
public sealed record PhotoContent(PhotoId Id, ReadOnlyMemory<byte> Data, string ContentType, uint Checksum) : IDisposable
{
    public string ETag => Checksum.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Owner of <see cref="Data"/>'s buffer, released by <see cref="Dispose"/>.</summary>
    internal IDisposable? Buffer { get; init; }

    public void Dispose() => Buffer?.Dispose();
}
