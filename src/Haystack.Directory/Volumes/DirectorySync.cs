using System.Runtime.InteropServices;

namespace Haystack.Directory.Volumes;

/// <summary>fsync of a directory, which .NET does not expose: it makes a rename inside it durable.</summary>
internal static partial class DirectorySync
{
    private const int OpenReadOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = open(directory, OpenReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {directory} to flush it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }
        try
        {
            if (fsync(fd) != 0)
            {
                throw new IOException($"fsync failed on directory {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
