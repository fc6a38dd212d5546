using System.Runtime.InteropServices;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// libc's calls for anonymous private mappings (Linux only: <c>mremap</c> is Linux's). Anonymous memory is touched
/// page by page as it is written, and goes back to the system at <c>munmap</c>, outside the GC heap.
/// </summary>
internal static partial class AnonymousMappings
{
    private const int ProtectRead = 0x1;
    private const int ProtectWrite = 0x2;
    private const int Private = 0x02;
    private const int Anonymous = 0x20;
    private const int MayMove = 0x1;
    private const int NoMemory = 12;
    private const int TryAgain = 11;

    // What mmap and mremap return on failure: MAP_FAILED, (void*)-1.
    private static readonly nint Failed = -1;

    public static nint Map(nuint bytes)
    {
        var address = mmap(nint.Zero, bytes, ProtectRead | ProtectWrite, Private | Anonymous, -1, 0);
        return address == Failed ? throw Failure("map", bytes) : address;
    }

    /// <summary>Grows a mapping; the kernel may move it (its page tables, not its bytes).</summary>
    public static nint Grow(nint address, nuint bytes, nuint newBytes)
    {
        var moved = mremap(address, bytes, newBytes, MayMove);
        return moved == Failed ? throw Failure("grow a mapping to", newBytes) : moved;
    }

    public static bool Unmap(nint address, nuint bytes) => munmap(address, bytes) == 0;

    // Out of memory or of mappings is the system's budget running out before ours: the client may retry, as for ours.
    private static Exception Failure(string what, nuint bytes)
    {
        var errno = Marshal.GetLastPInvokeError();
        var message = $"The operating system could not {what} {bytes} bytes for an upload buffer " +
            $"({Marshal.GetLastPInvokeErrorMessage()}, errno {errno}) although the upload memory budget had room";
        return errno is NoMemory or TryAgain
            ? new UploadMemoryExhaustedException($"{message}; this upload was not taken and nothing was stored; retry in {UploadMemoryBudget.RetryAfter.TotalSeconds:0} s.", UploadMemoryBudget.RetryAfter)
            : new OutOfMemoryException($"{message}.");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fileDescriptor, long offset);

    // Declared variadic in C for MREMAP_FIXED's new address; called with the fixed arguments only, which Linux's x64 and
    // arm64 calling conventions pass as for a non-variadic function.
    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mremap(nint address, nuint length, nuint newLength, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint address, nuint length);
}
