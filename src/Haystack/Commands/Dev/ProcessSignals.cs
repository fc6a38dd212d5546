using System.Runtime.InteropServices;

namespace Haystack.Commands.Dev;

/// <summary>SIGTERM for a child: .NET's Process.Kill only sends SIGKILL, which gives a server no chance to close its files.</summary>
internal static partial class ProcessSignals
{
    private const int Terminate = 15;

    public static void RequestStop(int processId)
    {
        if (OperatingSystem.IsWindows() || SendSignal(processId, Terminate) != 0)
        {
            throw new InvalidOperationException($"could not send SIGTERM to process {processId}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
