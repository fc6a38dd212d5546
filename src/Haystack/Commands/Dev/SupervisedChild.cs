using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Haystack.Commands.Dev;

/// <summary>
/// Keeps one child server running: starts it, forwards its output with a prefix, restarts it with exponential
/// backoff when it exits on its own (reset after it ran stably), and on stop sends SIGTERM, then SIGKILL after a grace period.
/// </summary>
internal sealed class SupervisedChild(ChildSpec spec, PrefixedLog log, TimeSpan stopGrace)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then stops the child and returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            int exitCode;
            try
            {
                exitCode = await RunOnceAsync(cancellationToken);
            }
            catch (Exception error) when (error is Win32Exception or InvalidOperationException)
            {
                log.Write(spec.Name, $"could not start: {error.Message}");
                exitCode = -1;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                log.Write(spec.Name, string.Create(CultureInfo.InvariantCulture, $"stopped (exit code {exitCode})"));
                return;
            }
            if (clock.Elapsed >= StableAfter)
            {
                backoff = FirstBackoff;
            }
            log.Write(spec.Name, string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode}; restarting in {backoff.TotalSeconds:0} s"));
            try
            {
                await Task.Delay(backoff, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(HaystackBinary.StartInfo(spec.Arguments))
            ?? throw new InvalidOperationException($"the {spec.Name} process did not start");
        process.StandardInput.Close();
        log.Write(spec.Name, string.Create(CultureInfo.InvariantCulture, $"started (pid {process.Id}): haystack {string.Join(' ', spec.Arguments)}"));
        var forwarding = Task.WhenAll(ForwardAsync(process.StandardOutput), ForwardAsync(process.StandardError));
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
        }
        await forwarding;
        return process.ExitCode;
    }

    private async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }
        try
        {
            ProcessSignals.RequestStop(process.Id);
        }
        catch (InvalidOperationException)
        {
            // Already gone, or the platform has no SIGTERM: the kill below settles it.
        }
        using var grace = new CancellationTokenSource(stopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            log.Write(spec.Name, string.Create(CultureInfo.InvariantCulture, $"did not stop within {stopGrace.TotalSeconds:0} s of SIGTERM; killing it"));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private async Task ForwardAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.Write(spec.Name, line);
        }
    }
}
