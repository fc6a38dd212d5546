namespace Haystack.Storage.Files;

/// <summary>A seekable read-only view of a data file up to a fixed length; holds a reference on the file.</summary>
internal sealed class DataFileReadStream(DataFile file, long length) : Stream
{
    private long _position;
    private int _released;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted <= 0)
        {
            return 0;
        }
        var read = RandomAccess.Read(file.Handle, buffer[..wanted], _position);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted <= 0)
        {
            return 0;
        }
        var read = await RandomAccess.ReadAsync(file.Handle, buffer[..wanted], _position, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A volume read stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A volume read stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            file.Release();
        }
        base.Dispose(disposing);
    }
}
