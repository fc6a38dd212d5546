using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Commands.VolumeFiles;

/// <summary>
/// Opens a file for reading with plain open(2). .NET's own FileStream takes a shared flock, which fails
/// while a Store holds its exclusive lock on the volume; the tools only read, so they need no lock.
/// </summary>
internal static partial class ReadOnlyFile
{
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;

    public static SafeFileHandle Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }
        var descriptor = OpenFile(path, OpenReadOnly | OpenCloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);
}
