using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// Threads that wait for the disk, so that no caller's thread does: a read that misses the page cache is handed to
/// an idle reader, which blocks in pread and then completes the caller's task on its own thread (the caller's
/// continuation, e.g. sending the needle, runs there too, saving a second hop). Like nginx's aio thread pool.
/// </summary>
/// <remarks>
/// Not the .NET thread pool: its hill climbing sizes it for CPU work, so reads that block are queued behind each
/// other once the pool thinks it has enough threads, which at low concurrency doubled the latency of cold reads
/// (docs/benchmarks.md). Here every read in flight has its own thread, up to <see cref="MaxThreads"/>: each waiting
/// reader is one request in the disk's queue; a read past the limit waits for a free reader. Readers start on demand
/// and stay.
/// </remarks>
internal sealed class DiskReaders
{
    /// <summary>
    /// Four per core, 8 to 64. A reader also runs its request's continuation (verify, send), so past a few per core
    /// more readers add context switches rather than disk depth: on 2 cores at 16 connections, 64 readers served 25%
    /// fewer cold GETs than 8, and 4 readers capped 4 connections' reads (docs/benchmarks.md).
    /// </summary>
    public static readonly int MaxThreads = Math.Clamp(4 * Environment.ProcessorCount, 8, 64);

    private readonly object _gate = new(); // a monitor: idle readers wait on it and each new read wakes exactly one
    private readonly Queue<PendingRead> _pending = new();
    private int _threads;
    private int _idle;

    private DiskReaders()
    {
    }

    /// <summary>One set per process: the disks' queues, not the volumes, are what the readers share.</summary>
    public static DiskReaders Shared { get; } = new();

    /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/> on a reader thread.</summary>
    public Task<int> ReadAsync(SafeFileHandle file, Memory<byte> buffer, long offset)
    {
        var read = new PendingRead(file, buffer, offset);
        lock (_gate)
        {
            _pending.Enqueue(read);
            if (_idle >= _pending.Count) // an idle reader for every queued read, this one included
            {
                Monitor.Pulse(_gate);
            }
            else if (_threads < MaxThreads)
            {
                _threads++;
                new Thread(Run) { IsBackground = true, Name = $"disk reader {_threads}" }.Start();
            }
        }
        return read.Completion.Task;
    }

    private void Run()
    {
        while (true)
        {
            PendingRead? read;
            lock (_gate)
            {
                while (!_pending.TryDequeue(out read))
                {
                    _idle++;
                    Monitor.Wait(_gate);
                    _idle--;
                }
            }
            read.Execute();
        }
    }

    private sealed class PendingRead(SafeFileHandle file, Memory<byte> buffer, long offset)
    {
        // Continuations run on the reader thread that completes the read: that is the point (see the class remarks).
        public TaskCompletionSource<int> Completion { get; } = new();

        public void Execute()
        {
            try
            {
                Completion.TrySetResult(RandomAccess.Read(file, buffer.Span, offset));
            }
            catch (Exception e)
            {
                Completion.TrySetException(e);
            }
        }
    }
}
