using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Native;

/// <summary>
/// The few Linux file calls .NET does not expose: fallocate (extent preallocation), posix_fadvise
/// (no read-ahead), preadv2 with RWF_NOWAIT (read only what the page cache holds), fdatasync
/// (durability without a metadata-only flush) and directory fsync (durable renames). Preallocation,
/// advice and page-cache-only reads are optimisations: where the file system refuses them the engine
/// carries on; fdatasync failing is an error.
/// </summary>
internal static partial class LinuxFile
{
    private const int FallocKeepSize = 0x01;
    private const int FadviseRandom = 1;
    private const int FadviseDontNeed = 4;
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    private const int NoSuchFile = 2;
    private const int ReadNoWait = 0x08; // RWF_NOWAIT
    private const int WouldBlock = 11; // EAGAIN
    private static volatile bool NoWaitUnsupported;

    public static bool IsLinux { get; } = OperatingSystem.IsLinux();

    /// <summary>Reserves disk blocks past the end of the file without changing its length.</summary>
    public static bool TryPreallocate(SafeFileHandle file, long offset, long length)
    {
        if (!IsLinux)
        {
            return false;
        }
        return fallocate(Descriptor(file), FallocKeepSize, offset, length) == 0;
    }

    /// <summary>Tells the kernel reads are random so it does not read ahead around each needle.</summary>
    public static void AdviseRandomAccess(SafeFileHandle file)
    {
        if (IsLinux)
        {
            _ = posix_fadvise(Descriptor(file), 0, 0, FadviseRandom);
        }
    }

    /// <summary>Drops a range from the page cache (a scrub's reads must not push photos readers want out of memory).</summary>
    public static void AdviseDontNeed(SafeFileHandle file, long offset, long length)
    {
        if (IsLinux)
        {
            _ = posix_fadvise(Descriptor(file), offset, length, FadviseDontNeed);
        }
    }

    /// <summary>
    /// Copies into <paramref name="destination"/> what the page cache already holds from <paramref name="offset"/> on,
    /// without waiting for the disk, and returns the number of bytes copied: all of them for a cached needle, fewer or
    /// none when part of it must come from the disk (or the kernel cannot say, e.g. not Linux). Lets a server copy
    /// cached needles on the request's own thread and hand only real disk reads to a thread that may block.
    /// </summary>
    public static unsafe int ReadIfCached(SafeFileHandle file, Span<byte> destination, long offset)
    {
        if (!IsLinux || NoWaitUnsupported || destination.IsEmpty)
        {
            return 0;
        }
        fixed (byte* start = destination)
        {
            var vector = new IoVector { Base = start, Length = (nuint)destination.Length };
            var read = preadv2(Descriptor(file), &vector, 1, offset, ReadNoWait);
            if (read >= 0)
            {
                return (int)read;
            }
        }
        // EAGAIN: not (all) cached. Anything else (old kernel, a file system without RWF_NOWAIT): stop asking.
        if (Marshal.GetLastPInvokeError() != WouldBlock)
        {
            NoWaitUnsupported = true;
        }
        return 0;
    }

    /// <summary>Flushes the file's data (and the length when it changed) to stable storage.</summary>
    public static void FlushData(SafeFileHandle file, string path)
    {
        if (!IsLinux)
        {
            RandomAccess.FlushToDisk(file);
            return;
        }
        if (fdatasync(Descriptor(file)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"fdatasync failed on {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
    }

    /// <summary>Makes renames and creations inside a directory durable.</summary>
    public static void FlushDirectory(string directory)
    {
        if (!IsLinux)
        {
            return;
        }
        var fd = open(directory, OpenReadOnly);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot open directory {directory} to flush it: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }
        try
        {
            if (fsync(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync failed on directory {directory}: {Marshal.GetPInvokeErrorMessage(errno)}.");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    /// <summary>
    /// Opens a file for reading with plain open(2), taking no lock. .NET's own open takes a flock (shared
    /// even for reading), which fails while a Store holds its exclusive lock on the volume and would make
    /// the Store's own open fail while held; inspection only reads, so it needs none.
    /// </summary>
    public static SafeFileHandle OpenReadUnlocked(string path)
    {
        if (!IsLinux)
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        var fd = open(path, OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"Cannot open {path} for reading: {Marshal.GetPInvokeErrorMessage(errno)}.";
            throw errno == NoSuchFile ? new FileNotFoundException(message, path) : new IOException(message);
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static int Descriptor(SafeFileHandle file) => (int)file.DangerousGetHandle();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport("libc")]
    private static partial int posix_fadvise(int fd, long offset, long length, int advice);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint preadv2(int fd, IoVector* vectors, int count, long offset, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }
}
