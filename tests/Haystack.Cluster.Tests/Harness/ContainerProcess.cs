using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// One run of a container: a real <c>haystack</c> child process. Keeps the tail of its output for failure messages;
/// stops as the kubelet stops a container (SIGTERM, SIGKILL after the grace period) or dies at once (SIGKILL), and
/// hangs on SIGSTOP until SIGCONT.
/// </summary>
internal sealed partial class ContainerProcess : IAsyncDisposable
{
    private const int KeptOutputChars = 64 * 1024;
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private ContainerProcess(Process process)
    {
        _process = process;
        Exited = process.WaitForExitAsync();
    }

    /// <summary>Completes when the process has exited, however it ended.</summary>
    public Task Exited { get; }

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ContainerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var process = Process.Start(HaystackBinary.StartInfo(arguments, environment)) ?? throw new InvalidOperationException("dotnet did not start");
        var container = new ContainerProcess(process);
        process.StandardInput.Close();
        process.OutputDataReceived += (_, line) => container.Append(line.Data);
        process.ErrorDataReceived += (_, line) => container.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return container;
    }

    /// <summary>SIGKILL: nothing of the process's shutdown runs, as when its machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await Exited;
    }

    /// <summary>SIGSTOP: the process hangs, its sockets open but nothing answered, until <see cref="Resume"/>.</summary>
    public void Suspend() => _ = SendSignal(_process.Id, 19);

    /// <summary>SIGCONT after <see cref="Suspend"/>.</summary>
    public void Resume() => _ = SendSignal(_process.Id, 18);

    /// <summary>SIGTERM, then SIGKILL when it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }
        _ = SendSignal(_process.Id, 15);
        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > KeptOutputChars)
            {
                _output.Remove(0, _output.Length - KeptOutputChars);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int processId, int signal);
}
