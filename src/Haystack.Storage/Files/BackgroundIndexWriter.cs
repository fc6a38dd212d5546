using System.Collections.Concurrent;
using Haystack.Storage.Format;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// Appends index records in the background, in the order the needles were appended, and only once
/// the data they point to is durable. The index therefore always describes a durable prefix of the
/// data file, which is what lets recovery resume its scan after the last indexed needle. Losing the
/// tail of the index costs a longer scan, never data, so the index file is not flushed per batch.
/// </summary>
internal sealed class BackgroundIndexWriter : IAsyncDisposable
{
    private const int MaxBatchRecords = 8192;

    private readonly SafeFileHandle _handle;
    private readonly GroupCommit _durability;
    private readonly ConcurrentQueue<(IndexRecord Record, long Sequence)> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _loop;
    private long _end;
    private int _wakePending;
    private volatile bool _stopping;

    public BackgroundIndexWriter(SafeFileHandle handle, string path, long end, GroupCommit durability)
    {
        _handle = handle;
        Path = path;
        _end = end;
        _durability = durability;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Where the file is now; compaction renames it into place.</summary>
    public string Path { get; set; }

    /// <summary>Why the index stopped being written (recovery rescans the data), or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Creates an index file holding only its header.</summary>
    public static SafeFileHandle CreateFile(string path, IndexFileHeader header)
    {
        var handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        RandomAccess.Write(handle, header.ToBytes(), 0);
        RandomAccess.SetLength(handle, IndexFileHeader.Size);
        return handle;
    }

    /// <summary>Queues a record; it is written once <paramref name="sequence"/> is durable in the data file.</summary>
    public void Enqueue(IndexRecord record, long sequence)
    {
        if (_stopping)
        {
            return; // a read learned of a delete after this index closed; the next recovery learns it again
        }
        _queue.Enqueue((record, sequence));
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Writes what is queued, flushes the file and closes it.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _wake.Release();
        await _loop.ConfigureAwait(false);
        try
        {
            if (Fault is null)
            {
                LinuxFile.FlushData(_handle, Path);
            }
        }
        finally
        {
            _handle.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var buffer = new byte[MaxBatchRecords * IndexRecord.Size];
        while (true)
        {
            await _wake.WaitAsync().ConfigureAwait(false);
            Interlocked.Exchange(ref _wakePending, 0);
            try
            {
                while (Fault is null && await WriteBatchAsync(buffer).ConfigureAwait(false))
                {
                }
            }
            catch (Exception error)
            {
                Fault = error;
            }
            if (_stopping)
            {
                return;
            }
        }
    }

    private async Task<bool> WriteBatchAsync(byte[] buffer)
    {
        var count = 0;
        long lastSequence = 0;
        while (count < MaxBatchRecords && _queue.TryDequeue(out var item))
        {
            item.Record.WriteTo(buffer.AsSpan(count * IndexRecord.Size, IndexRecord.Size));
            lastSequence = Math.Max(lastSequence, item.Sequence);
            count++;
        }
        if (count == 0)
        {
            return false;
        }
        await _durability.WaitDurableAsync(lastSequence).ConfigureAwait(false);
        var length = count * IndexRecord.Size;
        RandomAccess.Write(_handle, buffer.AsSpan(0, length), _end);
        _end += length;
        return true;
    }
}
