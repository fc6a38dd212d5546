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
/// reader is one request in the disk's queue. Readers start on demand and stay.
/// </remarks>
internal sealed class DiskReaders
{
    /// <summary>Enough for an NVMe device's useful queue depth; a read past it waits for a free reader.</summary>
    public const int MaxThreads = 64;

    private readonly object gate = new(); // a monitor: idle readers wait on it and each new read wakes exactly one
    private readonly Queue<PendingRead> pending = new();
    private int threads;
    private int idle;

    private DiskReaders()
    {
    }

    /// <summary>One set per process: the disks' queues, not the volumes, are what the readers share.</summary>
    public static DiskReaders Shared { get; } = new();

    /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/> on a reader thread.</summary>
    public Task<int> ReadAsync(SafeFileHandle file, Memory<byte> buffer, long offset)
    {
        var read = new PendingRead(file, buffer, offset);
        lock (gate)
        {
            pending.Enqueue(read);
            if (idle > pending.Count - 1)
            {
                Monitor.Pulse(gate);
            }
            else if (threads < MaxThreads)
            {
                threads++;
                new Thread(Run) { IsBackground = true, Name = $"disk reader {threads}" }.Start();
            }
        }
        return read.Completion.Task;
    }

    private void Run()
    {
        while (true)
        {
            PendingRead? read;
            lock (gate)
            {
                while (!pending.TryDequeue(out read))
                {
                    idle++;
                    Monitor.Wait(gate);
                    idle--;
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
