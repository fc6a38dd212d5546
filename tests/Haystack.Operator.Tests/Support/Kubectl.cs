using System.Diagnostics;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Support;

/// <summary>
/// The real kubectl (1.34, unpacked to .tools/bin by hack/deps/npm.sh) against a kubeconfig, with its own discovery
/// cache so that runs never share what they discovered.
/// </summary>
internal sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    public static string Binary { get; } = RepositoryRoot.Combine(".tools", "bin", "kubectl");

    /// <summary>Runs kubectl and returns its standard output; a non-zero exit fails the test with both outputs.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Binary), $"kubectl is missing at {Binary}: run hack/deps/npm.sh");
        var start = new ProcessStartInfo(Binary, [$"--kubeconfig={kubeconfig}", $"--cache-dir={cacheDirectory}", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = cacheDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(patience.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
