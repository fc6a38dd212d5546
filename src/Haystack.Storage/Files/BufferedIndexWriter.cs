using Haystack.Storage.Format;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// Buffered, single-threaded appends to an index file, for recovery and compaction, which fill an
/// index no one else writes yet; the live volume's index is written by <see cref="BackgroundIndexWriter"/>.
/// </summary>
internal sealed class BufferedIndexWriter(SafeFileHandle handle, long end)
{
    private const int BufferRecords = 16384;

    private readonly byte[] _buffer = new byte[BufferRecords * IndexRecord.Size];
    private int _count;

    /// <summary>File length once buffered records are flushed.</summary>
    public long End => end + (long)_count * IndexRecord.Size;

    public void Append(IndexRecord record)
    {
        record.WriteTo(_buffer.AsSpan(_count * IndexRecord.Size, IndexRecord.Size));
        if (++_count == BufferRecords)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_count == 0)
        {
            return;
        }
        RandomAccess.Write(handle, _buffer.AsSpan(0, _count * IndexRecord.Size), end);
        end += (long)_count * IndexRecord.Size;
        _count = 0;
    }
}
