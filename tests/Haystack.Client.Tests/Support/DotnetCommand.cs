using Haystack.Testing;

namespace Haystack.Client.Tests.Support;

/// <summary>Runs <c>dotnet</c> (or a program a test installed) from the repository root, collecting its output.</summary>
public static class DotnetCommand
{
    /// <summary>The configuration these tests were built in, which is what their project references were built in too.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        RunProgramAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments);

    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string program, params string[] arguments)
    {
        var run = await ExternalProcess.RunAsync(new ProcessCommand(program, arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            Environment = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            Timeout = TimeSpan.FromMinutes(5),
        });
        return (run.ExitCode, run.Printed);
    }
}
