using System.Diagnostics;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>A program the tests need from Debian (hack/deps/apt.txt): found on the PATH, run to completion with input on stdin.</summary>
public static class Tool
{
    public static string Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{name} is not installed; bash hack/deps.sh installs it (hack/deps/apt.txt).", name);

    /// <summary>Runs the program with <paramref name="input"/> on stdin; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string name, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(name))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} {string.Join(' ', arguments)} did not finish within a minute");
        }
        return (process.ExitCode, await output + await error);
    }
}
