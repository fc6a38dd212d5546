using System.Buffers;
using System.Runtime.InteropServices;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// Disk reads through io_uring: the caller's thread puts the read in the submission ring (one system call, no
/// other thread woken), the kernel reads, and one completion thread, asleep in io_uring_enter until reads
/// finish, completes every finished read's task in turn (its continuation, verify and send, runs there, as on a
/// <see cref="DiskReaders"/> thread). One wake-up per batch of completions instead of a reader thread woken
/// per read. Null where io_uring is unavailable, or when HAYSTACK_DISK_READS=threads asks for the reader threads.
/// </summary>
internal sealed unsafe class UringReads
{
    private const uint RingSize = 256;

    private readonly IoUring _ring;
    private readonly Lock _submitGate = new();
    private int _inFlight;

    private UringReads(IoUring ring)
    {
        _ring = ring;
        new Thread(Reap) { IsBackground = true, Name = "io_uring completions" }.Start();
    }

    public static UringReads? Shared { get; } = Create();

    /// <summary>Starts a read of up to <paramref name="buffer"/>'s length; null when the ring is full (read elsewhere).</summary>
    public Task<int>? TryReadAsync(SafeFileHandle file, Memory<byte> buffer, long offset)
    {
        if (Interlocked.Increment(ref _inFlight) > _ring.Capacity)
        {
            Interlocked.Decrement(ref _inFlight);
            return null;
        }
        var read = new PendingRead(file, buffer);
        var handle = GCHandle.Alloc(read);
        bool submitted;
        int error;
        lock (_submitGate)
        {
            submitted = _ring.SubmitRead(read.Descriptor, read.Address, (uint)buffer.Length, offset, (ulong)GCHandle.ToIntPtr(handle), out error);
        }
        if (submitted)
        {
            return read.Completion.Task;
        }
        handle.Free();
        Interlocked.Decrement(ref _inFlight);
        read.Finish(-error);
        return read.Completion.Task;
    }

    private static UringReads? Create() =>
        Environment.GetEnvironmentVariable("HAYSTACK_DISK_READS") == "threads" || IoUring.TryCreate(RingSize) is not { } ring
            ? null
            : new UringReads(ring);

    private void Reap()
    {
        while (true)
        {
            _ring.WaitAndReap(Complete);
        }
    }

    private void Complete(ulong userData, int result)
    {
        var handle = GCHandle.FromIntPtr((nint)userData);
        var read = (PendingRead)handle.Target!;
        handle.Free();
        Interlocked.Decrement(ref _inFlight);
        read.Finish(result);
    }

    /// <summary>The buffer stays pinned and the file descriptor referenced until the kernel is done with both.</summary>
    private sealed class PendingRead
    {
        private readonly SafeFileHandle _file;
        private MemoryHandle _pin;

        public PendingRead(SafeFileHandle file, Memory<byte> buffer)
        {
            var added = false;
            file.DangerousAddRef(ref added);
            _file = file;
            _pin = buffer.Pin();
            Descriptor = (int)file.DangerousGetHandle();
        }

        // Continuations run on the completion thread: like a disk reader's, that saves a second hop.
        public TaskCompletionSource<int> Completion { get; } = new();

        public int Descriptor { get; }

        public byte* Address => (byte*)_pin.Pointer;

        /// <param name="result">Bytes read, or minus the errno.</param>
        public void Finish(int result)
        {
            _pin.Dispose();
            _file.DangerousRelease();
            if (result < 0)
            {
                Completion.TrySetException(new IOException($"read failed: errno {-result}", -result));
            }
            else
            {
                Completion.TrySetResult(result);
            }
        }
    }
}
