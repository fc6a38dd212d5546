using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Haystack.Testing;

/// <summary>
/// One haystack server (store, directory, cache or dev) running as a real child process. Keeps its output for
/// failure messages; can be killed (SIGKILL), stopped (SIGTERM) and started again with the same arguments.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServerProcess(string name, Uri url, params string[] arguments)
    {
        Name = name;
        Url = url;
        _arguments = arguments;
    }

    public string Name { get; }

    public Uri Url { get; }

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

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The operating system's id of the running process (for /proc/&lt;pid&gt;/status).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} was never started");

    public static Uri Local(int port) => new($"http://127.0.0.1:{port}/");

    public void Start()
    {
        var process = Process.Start(HaystackExecutable.StartInfo(_arguments)) ?? throw new InvalidOperationException($"could not start {Name}");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Polls <c>/readyz</c> until 200; fails with the server's output if it exits or stays unready.</summary>
    public async Task WaitReadyAsync(string path = "readyz")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyLimit)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited before it was ready:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Url, path));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not ready at {Url}{path} within {ReadyLimit}:\n{Output}");
    }

    /// <summary>Waits (bounded) until the output holds at least <paramref name="count"/> matches; returns them all.</summary>
    public async Task<IReadOnlyList<Match>> WaitForOutputAsync(Regex pattern, int count = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var matches = pattern.Matches(Output);
            if (matches.Count >= count)
            {
                return matches;
            }
            if (deadline.Elapsed > ReadyLimit)
            {
                throw new TimeoutException($"{Name} did not print {count} x '{pattern}' within {ReadyLimit}:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, then waits for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? limit = null)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started");
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, 15);
            using var wait = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(wait.Token);
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
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
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int processId, int signal);
}
