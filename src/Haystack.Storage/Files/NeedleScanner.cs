using System.Buffers;
using Haystack.Storage.Format;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// Reads needles one after another from a region of a data file with large sequential reads. Used by
/// recovery (index the unindexed tail), compaction (copy live needles), enumeration and
/// inspection (dump, verify).
/// </summary>
internal sealed class NeedleScanner(SafeFileHandle handle, long start, long end) : IDisposable
{
    private const int ReadSize = 4 * 1024 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
    private long _bufferOffset = start;
    private int _bufferLength;

    /// <summary>File offset of the next needle.</summary>
    public long Position { get; private set; } = start;

    /// <summary>
    /// Reads the needle at <see cref="Position"/>. Returns false at the end of the region; throws
    /// <see cref="InvalidNeedleDataException"/> when the bytes there are not a whole valid needle.
    /// The needle's bytes stay valid until the next call.
    /// </summary>
    public bool TryReadNext(out ScannedNeedle needle)
    {
        if (!TryRead(out needle, out var bodyProblem))
        {
            return false;
        }
        if (bodyProblem is not null)
        {
            throw new InvalidNeedleDataException(Position, bodyProblem);
        }
        Position += needle.Header.TotalLength;
        return true;
    }

    /// <summary>
    /// Like <see cref="TryReadNext"/>, but a needle whose header verifies and whose length fits is returned
    /// even when its footer or data checksum fails, with that problem in <paramref name="bodyProblem"/>:
    /// a verified header's length is trustworthy, so the needles after it can still be found. Throws
    /// <see cref="InvalidNeedleDataException"/> only when the header itself is not valid (nothing past it can be located).
    /// </summary>
    public bool TryInspectNext(out ScannedNeedle needle, out string? bodyProblem)
    {
        if (!TryRead(out needle, out bodyProblem))
        {
            return false;
        }
        Position += needle.Header.TotalLength;
        return true;
    }

    /// <summary>Reads the needle at <see cref="Position"/> without moving past it.</summary>
    private bool TryRead(out ScannedNeedle needle, out string? bodyProblem)
    {
        needle = default;
        bodyProblem = null;
        if (Position >= end)
        {
            return false;
        }
        if (end - Position < NeedleLayout.HeaderSize)
        {
            throw new InvalidNeedleDataException(Position, $"only {end - Position} bytes left, less than a needle header");
        }
        Fill(NeedleLayout.HeaderSize);
        var header = NeedleHeader.TryRead(Buffered(NeedleLayout.HeaderSize), out var problem)
            ?? throw new InvalidNeedleDataException(Position, problem!);
        if (Position + header.TotalLength > end)
        {
            throw new InvalidNeedleDataException(Position,
                $"needle of {header.TotalLength} bytes runs past the end of the data ({end - Position} bytes left)");
        }
        Fill(header.TotalLength);
        var bytes = new ReadOnlyMemory<byte>(_buffer, (int)(Position - _bufferOffset), header.TotalLength);
        bodyProblem = NeedleCodec.Verify(bytes.Span, out _);
        needle = new ScannedNeedle(Position, header, bytes);
        return true;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private ReadOnlySpan<byte> Buffered(int length) => _buffer.AsSpan((int)(Position - _bufferOffset), length);

    /// <summary>Makes [Position, Position + length) present in the buffer.</summary>
    private void Fill(int length)
    {
        var skip = (int)(Position - _bufferOffset);
        if (skip + length <= _bufferLength)
        {
            return;
        }
        var kept = _bufferLength - skip;
        if (length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(length);
            _buffer.AsSpan(skip, kept).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(skip, kept).CopyTo(_buffer);
        }
        _bufferOffset = Position;
        _bufferLength = kept;
        while (_bufferLength < length)
        {
            var wanted = (int)Math.Min(_buffer.Length - _bufferLength, end - (_bufferOffset + _bufferLength));
            var read = RandomAccess.Read(handle, _buffer.AsSpan(_bufferLength, wanted), _bufferOffset + _bufferLength);
            if (read == 0)
            {
                throw new InvalidNeedleDataException(Position, "the file ends before the needle does");
            }
            _bufferLength += read;
        }
    }
}
