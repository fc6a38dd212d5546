using System.Diagnostics;

namespace Haystack.Testing;

/// <summary>
/// The one way tests run an external program to completion (python3, protoc, promtool, helm, kubectl, dotnet):
/// output captured, input given, a time bound past which the whole process tree is killed.
/// </summary>
public static class ExternalProcess
{
    /// <summary>Runs <paramref name="fileName"/> and returns its standard output; a non-zero exit throws with its standard error.</summary>
    public static async Task<string> RunAsync(string fileName, params string[] arguments) =>
        (await RunAsync(new ProcessCommand(fileName, arguments))).Succeeded();

    /// <summary>Runs <paramref name="command"/> to its end, whatever its exit code; throws <see cref="TimeoutException"/> past its time bound.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessCommand command)
    {
        using var process = Process.Start(StartInfo(command)) ?? throw new InvalidOperationException($"{command.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(command.Timeout);
        try
        {
            await WriteInputAsync(process, command.Input, bound.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {command.Timeout}: {await error.ConfigureAwait(false)}");
        }
        return new ProcessResult(command, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>How to start <paramref name="command"/> with every stream redirected, for a program the caller keeps running (a server).</summary>
    public static ProcessStartInfo StartInfo(ProcessCommand command)
    {
        if (Path.IsPathRooted(command.FileName) && !File.Exists(command.FileName))
        {
            throw new FileNotFoundException($"{command.FileName} is missing; bash hack/deps.sh installs the tools the tests need.", command.FileName);
        }
        var start = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory ?? "",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return start;
    }

    /// <summary>The first <paramref name="name"/> on the PATH; throws naming hack/deps.sh when there is none.</summary>
    public static string OnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{name} is not installed; bash hack/deps.sh installs it (hack/deps/apt.txt).", name);

    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // A program that exits or stops reading before the end of its input is judged by its exit code, not the pipe.
        }
    }
}
