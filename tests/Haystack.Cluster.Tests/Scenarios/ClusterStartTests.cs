using Haystack.Cluster.Tests.Harness;
using k8s;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>The harness itself: every pod the operator declares runs, on its own node, reachable by its DNS name.</summary>
public sealed class ClusterStartTests
{
    [Fact]
    public async Task Every_pod_the_operator_declares_runs_on_a_node_of_its_own_and_answers_by_its_dns_name()
    {
        await using var cluster = await ClusterHarness.StartAsync(ClusterHarness.SmallSpec());

        await cluster.EventuallyAsync(async () =>
        {
            var stores = await cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync($"{ClusterHarness.Name}-store", ClusterHarness.Namespace);
            var directories = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{ClusterHarness.Name}-directory", ClusterHarness.Namespace);
            return stores.Status?.ReadyReplicas == 3 && directories.Status?.AvailableReplicas == 2
                && stores.Status.ObservedGeneration == stores.Metadata.Generation;
        }, "3 store pods and 2 directory pods are ready");

        var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ClusterHarness.Namespace, labelSelector: "app.kubernetes.io/component=store")).Items;
        Assert.Equal(["photos-store-0", "photos-store-1", "photos-store-2"], pods.Select(pod => pod.Metadata.Name).Order());
        Assert.Equal(3, pods.Select(pod => pod.Spec.NodeName).Distinct().Count());
        Assert.All(pods, pod => Assert.Equal("True", pod.Status.Conditions.Single(condition => condition.Type == "Ready").Status));
        var claims = (await cluster.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ClusterHarness.Namespace)).Items;
        Assert.Equal(["data-photos-store-0", "data-photos-store-1", "data-photos-store-2"], claims.Select(claim => claim.Metadata.Name).Order());
        foreach (var pod in pods)
        {
            using var health = await cluster.Http.GetAsync(new Uri($"http://{pod.Metadata.Name}.photos-store.haystack.svc:8080/healthz"));
            Assert.True(health.IsSuccessStatusCode, $"{pod.Metadata.Name}: {health.StatusCode}");
        }
        using var directory = await cluster.Http.GetAsync(new Uri(ClusterHarness.DirectoryUrl, "/healthz"));
        Assert.True(directory.IsSuccessStatusCode, cluster.Describe());
    }
}
