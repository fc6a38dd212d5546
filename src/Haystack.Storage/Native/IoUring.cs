using System.Runtime.InteropServices;

namespace Haystack.Storage.Native;

/// <summary>
/// One io_uring instance through the raw system calls (x86-64 and arm64 numbers; no liburing): the
/// submission and completion rings and the submission entries mapped into this process. Only
/// IORING_OP_READ is used. Submit is safe from any thread (the caller locks); one thread reaps.
/// </summary>
internal sealed unsafe partial class IoUring : IDisposable
{
    private const long SetupCall = 425; // io_uring_setup, the same on x86-64 and arm64
    private const long EnterCall = 426;
    private const uint GetEvents = 1; // IORING_ENTER_GETEVENTS
    private const uint SingleMmap = 1; // IORING_FEAT_SINGLE_MMAP
    private const long SubmissionEntriesOffset = 0x10000000; // IORING_OFF_SQES
    private const byte ReadOperation = 22; // IORING_OP_READ
    private const int Interrupted = 4; // EINTR
    private const int EntrySize = 64;
    private const int CompletionSize = 16;

    private readonly int _ring;
    private readonly byte* _rings;
    private readonly nuint _ringsLength;
    private readonly byte* _entries;
    private readonly nuint _entriesLength;
    private readonly uint* _submitTail;
    private readonly uint _submitMask;
    private readonly uint* _submitArray;
    private readonly uint* _completeHead;
    private readonly uint* _completeTail;
    private readonly uint _completeMask;
    private readonly byte* _completions;

    private IoUring(int ring, in Parameters parameters)
    {
        _ring = ring;
        Capacity = parameters.SubmitEntries;
        _ringsLength = Math.Max(parameters.Submit.Array + parameters.SubmitEntries * 4, parameters.Complete.Completions + parameters.CompleteEntries * CompletionSize);
        _rings = Map(ring, _ringsLength, 0);
        _entriesLength = parameters.SubmitEntries * EntrySize;
        _entries = Map(ring, _entriesLength, SubmissionEntriesOffset);
        _submitTail = (uint*)(_rings + parameters.Submit.Tail);
        _submitMask = *(uint*)(_rings + parameters.Submit.RingMask);
        _submitArray = (uint*)(_rings + parameters.Submit.Array);
        _completeHead = (uint*)(_rings + parameters.Complete.Head);
        _completeTail = (uint*)(_rings + parameters.Complete.Tail);
        _completeMask = *(uint*)(_rings + parameters.Complete.RingMask);
        _completions = _rings + parameters.Complete.Completions;
    }

    /// <summary>Submission slots; callers keep at most this many reads in flight, so completions never overflow.</summary>
    public uint Capacity { get; }

    /// <summary>A ring of <paramref name="size"/> entries, or null where the kernel has none or forbids it (e.g. io_uring_disabled, seccomp).</summary>
    public static IoUring? TryCreate(uint size)
    {
        if (!OperatingSystem.IsLinux() || (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)))
        {
            return null;
        }
        var parameters = default(Parameters);
        var ring = (int)syscall(SetupCall, (nint)size, (nint)(&parameters));
        if (ring < 0)
        {
            return null;
        }
        if ((parameters.Features & SingleMmap) == 0)
        {
            _ = close(ring);
            return null;
        }
        return new IoUring(ring, parameters);
    }

    /// <summary>Queues one read and tells the kernel; false if the kernel refused the submission (errno in <paramref name="error"/>).</summary>
    public bool SubmitRead(int file, byte* buffer, uint length, long offset, ulong userData, out int error)
    {
        var tail = *_submitTail;
        var index = tail & _submitMask;
        var entry = _entries + index * EntrySize;
        new Span<byte>(entry, EntrySize).Clear();
        entry[0] = ReadOperation;
        *(int*)(entry + 4) = file;
        *(long*)(entry + 8) = offset;
        *(ulong*)(entry + 16) = (ulong)buffer;
        *(uint*)(entry + 24) = length;
        *(ulong*)(entry + 32) = userData;
        _submitArray[index] = index;
        Volatile.Write(ref *_submitTail, tail + 1);
        while (true)
        {
            if (syscall(EnterCall, _ring, 1, 0, 0, 0, 0) >= 0)
            {
                error = 0;
                return true;
            }
            error = Marshal.GetLastPInvokeError();
            if (error != Interrupted)
            {
                // The kernel did not take the entry: withdraw it so the next submission does not resubmit it.
                Volatile.Write(ref *_submitTail, tail);
                return false;
            }
        }
    }

    /// <summary>Waits until at least one read has completed, then hands every completion to <paramref name="complete"/>.</summary>
    public void WaitAndReap(Action<ulong, int> complete)
    {
        var head = *_completeHead;
        while (head == Volatile.Read(ref *_completeTail))
        {
            if (syscall(EnterCall, _ring, 0, 1, (nint)GetEvents, 0, 0) < 0 && Marshal.GetLastPInvokeError() != Interrupted)
            {
                throw new IOException($"io_uring_enter failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        var tail = Volatile.Read(ref *_completeTail);
        for (; head != tail; head++)
        {
            var completion = _completions + (head & _completeMask) * CompletionSize;
            complete(*(ulong*)completion, *(int*)(completion + 8));
        }
        Volatile.Write(ref *_completeHead, head);
    }

    public void Dispose()
    {
        _ = munmap(_entries, _entriesLength);
        _ = munmap(_rings, _ringsLength);
        _ = close(_ring);
    }

    private static byte* Map(int ring, nuint length, long offset)
    {
        const int protectReadWrite = 0x1 | 0x2, mapSharedPopulate = 0x01 | 0x8000;
        var address = mmap(null, length, protectReadWrite, mapSharedPopulate, ring, offset);
        if (address == (void*)-1)
        {
            throw new IOException($"mmap of the io_uring rings failed: errno {Marshal.GetLastPInvokeError()}");
        }
        return (byte*)address;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, nint a1, nint a2 = 0, nint a3 = 0, nint a4 = 0, nint a5 = 0, nint a6 = 0);

    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int file, long offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(void* address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int file);

    [StructLayout(LayoutKind.Sequential)]
    private struct SubmitOffsets
    {
        public uint Head, Tail, RingMask, RingEntries, Flags, Dropped, Array, Reserved;
        public ulong UserAddress;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CompletionOffsets
    {
        public uint Head, Tail, RingMask, RingEntries, Overflow, Completions, Flags, Reserved;
        public ulong UserAddress;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Parameters
    {
        public uint SubmitEntries, CompleteEntries, Flags, ThreadCpu, ThreadIdle, Features, WorkQueue, Reserved0, Reserved1, Reserved2;
        public SubmitOffsets Submit;
        public CompletionOffsets Complete;
    }
}
