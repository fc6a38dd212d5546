using System.Runtime.InteropServices;

namespace Haystack.Testing;

/// <summary>
/// Damage staged under a running store: the engine holds its data file with FileShare.None, which .NET turns into an
/// flock that refuses every other .NET open. Plain system calls do not take that lock, as the disk's own bit rot
/// would not: pwrite over bytes, and truncate.
/// </summary>
public static partial class LockedFile
{
    private const int OpenReadWrite = 2;

    /// <summary>XORs one byte at <paramref name="offset"/> with <paramref name="mask"/> (0 would change nothing).</summary>
    public static void FlipByte(string path, long offset, byte mask = 0x5A)
    {
        ArgumentOutOfRangeException.ThrowIfZero(mask);
        var descriptor = open(path, OpenReadWrite);
        if (descriptor < 0)
        {
            throw new IOException($"open {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            var current = new byte[1];
            if (pread(descriptor, current, 1, offset) != 1)
            {
                throw new IOException($"pread {path} at {offset}: errno {Marshal.GetLastPInvokeError()}");
            }
            current[0] ^= mask;
            if (pwrite(descriptor, current, 1, offset) != 1)
            {
                throw new IOException($"pwrite {path} at {offset}: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    /// <summary>The whole file, read without the lock.</summary>
    public static byte[] ReadAll(string path)
    {
        var descriptor = open(path, OpenReadWrite);
        if (descriptor < 0)
        {
            throw new IOException($"open {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            var bytes = new byte[new FileInfo(path).Length];
            long done = 0;
            while (done < bytes.Length)
            {
                var read = pread(descriptor, bytes.AsSpan((int)done), (nint)(bytes.Length - done), done);
                if (read <= 0)
                {
                    throw new IOException($"pread {path} at {done}: errno {Marshal.GetLastPInvokeError()}");
                }
                done += read;
            }
            return bytes;
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    public static void Truncate(string path, long length)
    {
        if (truncate(path, length) != 0)
        {
            throw new IOException($"truncate {path} to {length}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint pread(int descriptor, Span<byte> bytes, nint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint pwrite(int descriptor, byte[] bytes, nint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int descriptor);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int truncate(string path, long length);
}
