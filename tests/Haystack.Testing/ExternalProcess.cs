using System.Diagnostics;

namespace Haystack.Testing;

/// <summary>Runs a command to completion and returns its standard output; a failure carries its standard error.</summary>
public static class ExternalProcess
{
    public static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        if (!File.Exists(fileName))
        {
            throw new FileNotFoundException($"{fileName} is missing; hack/deps.sh installs it (hack/deps/apt.txt).", fileName);
        }
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish: {await error}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await error}\n{await output}");
        }
        return await output;
    }
}
