using System.Diagnostics;
using Haystack.Testing;

namespace Haystack.Tests.Support;

/// <summary>Runs one <c>haystack</c> verb as a process, the way a user does, and collects its output.</summary>
public static class HaystackCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<CliResult> RunAsync(params string[] arguments) => await RunInAsync(null, arguments);

    public static async Task<CliResult> RunInAsync(string? workingDirectory, params string[] arguments)
    {
        using var process = Process.Start(HaystackExecutable.StartInfo(arguments, workingDirectory))
            ?? throw new InvalidOperationException("could not start haystack");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"haystack {string.Join(' ', arguments)} did not finish within {Limit}: {await error}");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }
}
