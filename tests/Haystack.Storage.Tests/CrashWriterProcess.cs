using System.Diagnostics;

namespace Haystack.Storage.Tests;

/// <summary>Runs tests/Haystack.Storage.CrashWriter as a child process and kills it with SIGKILL.</summary>
public sealed class CrashWriterProcess
{
    private const string Name = "Haystack.Storage.CrashWriter";

    /// <summary>The writer's dll: built next to this test project by the project reference.</summary>
    public static string DllPath
    {
        get
        {
            var testOutput = AppContext.BaseDirectory;
            var candidate = Path.GetFullPath(Path.Combine(testOutput.Replace("Haystack.Storage.Tests", Name), $"{Name}.dll"));
            if (!File.Exists(candidate))
            {
                throw new FileNotFoundException($"Build {Name} first (it is a project reference of the tests).", candidate);
            }
            return candidate;
        }
    }

    /// <summary>
    /// Starts the writer, waits until it has had a first write acknowledged (so every cycle proves
    /// something even on a slow, shared disk), lets it run for <paramref name="runFor"/> more, then SIGKILLs it.
    /// </summary>
    /// <returns>The complete lines it printed (a line cut by the kill is dropped).</returns>
    public static async Task<IReadOnlyList<string>> RunAndKillAsync(
        string directory, VolumeId volumeId, string mode, int writers, ulong keyBase, int seed, TimeSpan runFor)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { DllPath, directory, volumeId.ToString(), mode, writers.ToString(), keyBase.ToString(), seed.ToString() })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
        var lines = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAcknowledgement = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "READY .")
                {
                    ready.TrySetResult();
                }
                else if (line.StartsWith("W ", StringComparison.Ordinal))
                {
                    firstAcknowledgement.TrySetResult();
                }
                lines.Add(line);
            }
        });
        var errors = process.StandardError.ReadToEndAsync();

        var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (started != ready.Task)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            throw new InvalidOperationException($"the crash writer did not start: {await errors}");
        }
        await Task.WhenAny(firstAcknowledgement.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        await Task.Delay(runFor);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"the crash writer exited on its own ({process.ExitCode}): {await errors}");
        }
        process.Kill(); // on Linux, Process.Kill sends SIGKILL: no cleanup, no flush, no finalizers
        await process.WaitForExitAsync();
        await reading;
        if (process.ExitCode != 128 + 9)
        {
            throw new InvalidOperationException($"expected death by SIGKILL (exit 137), got {process.ExitCode}: {await errors}");
        }
        return lines.Where(line => line.EndsWith(" .", StringComparison.Ordinal)).ToList();
    }
}
