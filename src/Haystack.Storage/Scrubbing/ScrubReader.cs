using System.Buffers;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Scrubbing;

/// <summary>
/// Reads the needles a scrub checks in blocks of up to <see cref="BlockSize"/> (neighbouring needles share a read),
/// asking the caller's throttle for every block before reading it. Blocks the page cache did not already hold are
/// dropped from it afterwards, so a scrub does not push the photos readers want out of memory.
/// </summary>
internal sealed class ScrubReader(SafeFileHandle handle, long fileLength, Func<int, CancellationToken, ValueTask> throttle) : IDisposable
{
    public const int BlockSize = 1024 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
    private long _bufferOffset = -1;
    private int _bufferLength;

    /// <summary>Bytes read from the file so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The bytes at [offset, offset + length), which must lie inside the file; valid until the next call.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken cancellationToken)
    {
        if (_bufferOffset < 0 || offset < _bufferOffset || offset + length > _bufferOffset + _bufferLength)
        {
            var block = (int)Math.Max(length, Math.Min(BlockSize, fileLength - offset));
            if (block > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(block);
            }
            await throttle(block, cancellationToken).ConfigureAwait(false);
            _bufferOffset = offset;
            _bufferLength = Fill(offset, _buffer.AsSpan(0, block));
            BytesRead += _bufferLength;
        }
        var start = (int)(offset - _bufferOffset);
        return _buffer.AsMemory(start, Math.Min(length, Math.Max(0, _bufferLength - start)));
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private int Fill(long offset, Span<byte> destination)
    {
        var cached = LinuxFile.ReadIfCached(handle, destination, offset);
        var done = cached;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], offset + done);
            if (read == 0)
            {
                break;
            }
            done += read;
        }
        if (done > cached)
        {
            LinuxFile.AdviseDontNeed(handle, offset + cached, done - cached);
        }
        return done;
    }
}
