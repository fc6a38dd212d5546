using System.Buffers;

namespace Haystack.Storage;

/// <summary>
/// A needle read back from a volume after its header, cookie and checksum were verified. Its bytes sit in a
/// pooled buffer: <see cref="Dispose"/> hands the buffer back once the caller has sent them on (a needle that is
/// never disposed is simply collected). <see cref="Data"/> must not be touched after Dispose.
/// </summary>
public sealed class StoredNeedle : IDisposable
{
    private byte[]? _pooledBuffer;

    internal StoredNeedle(
        NeedleId id, uint cookie, string? contentType, ReadOnlyMemory<byte> data, uint checksum, NeedleLocation location, byte[]? pooledBuffer)
    {
        Id = id;
        Cookie = cookie;
        ContentType = contentType;
        Data = data;
        Checksum = checksum;
        Location = location;
        _pooledBuffer = pooledBuffer;
    }

    public NeedleId Id { get; }

    public uint Cookie { get; }

    public string? ContentType { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The stored CRC32C over content type and data, verified by the read: a ready-made entity tag.</summary>
    public uint Checksum { get; }

    public NeedleLocation Location { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pooledBuffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
