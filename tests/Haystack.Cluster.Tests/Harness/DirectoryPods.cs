using System.Text.Json;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>The directory pods the runner runs, and what each says on its <c>/stats</c>.</summary>
internal static class DirectoryPods
{
    public static IReadOnlyList<PodKubelet> Running(ClusterHarness cluster) =>
        [.. cluster.Pods.Kubelets.Where(kubelet => kubelet.Name.StartsWith($"{ClusterHarness.Name}-directory-", StringComparison.Ordinal)).OrderBy(kubelet => kubelet.Name)];

    /// <summary>Uploads this directory process has taken since it started.</summary>
    public static async Task<long> UploadsAsync(ClusterHarness cluster, PodKubelet directory)
    {
        using var stats = JsonDocument.Parse(await cluster.Http.GetStringAsync(new Uri($"http://127.0.0.1:{directory.HttpPort}/stats")));
        return stats.RootElement.GetProperty("uploads").GetInt64();
    }
}
