namespace Haystack.Tests.Support;

/// <summary>A request body that hands out <paramref name="bytes"/> a chunk per read and keeps the last buffer it was read into.</summary>
public sealed class RecordingBody(byte[] bytes, int chunkBytes) : Stream
{
    private int _position;

    /// <summary>The memory the last read wrote to: the reader's own buffer.</summary>
    public Memory<byte> LastBuffer { get; private set; }

    /// <summary>Where <see cref="LastBuffer"/> starts, to look for it in the process's mappings once it is let go.</summary>
    public nint LastAddress { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        LastBuffer = buffer;
        LastAddress = AddressOf(buffer);
        var count = Math.Min(Math.Min(buffer.Length, chunkBytes), bytes.Length - _position);
        bytes.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        return ValueTask.FromResult(count);
    }

    private static unsafe nint AddressOf(Memory<byte> buffer)
    {
        using var pin = buffer.Pin();
        return (nint)pin.Pointer;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
