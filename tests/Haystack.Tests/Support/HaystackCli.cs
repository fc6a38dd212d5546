using Haystack.Testing;

namespace Haystack.Tests.Support;

/// <summary>Runs one <c>haystack</c> verb as a process, the way a user does, and collects its output.</summary>
public static class HaystackCli
{
    public static async Task<CliResult> RunAsync(params string[] arguments) => await RunInAsync(null, arguments);

    public static async Task<CliResult> RunInAsync(string? workingDirectory, params string[] arguments)
    {
        var run = await ExternalProcess.RunAsync(HaystackExecutable.Command(arguments, workingDirectory));
        return new CliResult(run.ExitCode, run.Output, run.Error);
    }
}
