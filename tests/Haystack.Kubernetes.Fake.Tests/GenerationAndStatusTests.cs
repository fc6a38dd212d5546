using System.Net;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class GenerationAndStatusTests : FakeServerTest
{
    [Fact]
    public async Task Generation_moves_on_spec_changes_only()
    {
        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);

        created.Metadata.Labels!["team"] = "photos";
        var relabelled = await Client.AppsV1.ReplaceNamespacedStatefulSetAsync(created, "store", Ns);
        relabelled.Spec!.Replicas = 3;
        var scaled = await Client.AppsV1.ReplaceNamespacedStatefulSetAsync(relabelled, "store", Ns);
        scaled.Status = new V1StatefulSetStatus { Replicas = 3, ReadyReplicas = 3, ObservedGeneration = scaled.Metadata.Generation };
        var reported = await Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(scaled, "store", Ns);

        Assert.Equal(1, relabelled.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, relabelled.Metadata.ResourceVersion);
        Assert.Equal(2, scaled.Metadata.Generation);
        Assert.Equal(2, reported.Metadata.Generation);
        Assert.Equal(3, reported.Status!.ReadyReplicas);
    }

    [Fact]
    public async Task Kinds_without_a_spec_generation_have_none_as_on_a_real_server()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        created.Data!["key"] = "changed";
        var changed = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "config", Ns);

        Assert.Null(created.Metadata.Generation);
        Assert.Null(changed.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, changed.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Status_update_changes_only_status()
    {
        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        created.Spec!.Replicas = 9;
        created.Metadata.Labels!["sneaky"] = "yes";
        created.Status = new V1StatefulSetStatus { Replicas = 1, ReadyReplicas = 1 };

        var result = await Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(created, "store", Ns);

        Assert.Equal(1, result.Spec!.Replicas);
        Assert.False(result.Metadata.Labels!.ContainsKey("sneaky"));
        Assert.Equal(1, result.Status!.ReadyReplicas);
    }

    [Fact]
    public async Task Main_resource_writes_ignore_status_when_the_kind_has_a_status_subresource()
    {
        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        created.Status = new V1StatefulSetStatus { Replicas = 1, ReadyReplicas = 1 };
        await Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(created, "store", Ns);
        var current = await Client.AppsV1.ReadNamespacedStatefulSetAsync("store", Ns);

        current.Status!.ReadyReplicas = 0;
        current.Spec!.Replicas = 2;
        var replaced = await Client.AppsV1.ReplaceNamespacedStatefulSetAsync(current, "store", Ns);
        var patched = await Client.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch("""{"status":{"readyReplicas":7}}""", V1Patch.PatchType.MergePatch), "store", Ns);

        Assert.Equal(2, replaced.Spec!.Replicas);
        Assert.Equal(1, replaced.Status!.ReadyReplicas);
        Assert.Equal(1, patched.Status!.ReadyReplicas);
    }

    [Fact]
    public async Task Status_is_dropped_on_create_when_the_kind_has_a_status_subresource()
    {
        var set = StatefulSet("store");
        set.Status = new V1StatefulSetStatus { Replicas = 5 };

        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(set, Ns);

        Assert.Null(created.Status);
    }

    [Fact]
    public async Task Status_patch_merges_into_status()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "directory", NamespaceProperty = Ns },
                Spec = new V1DeploymentSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "directory" } },
                    Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "d" }] } },
                },
            },
            Ns);

        await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(new { status = new { replicas = 2 } }, V1Patch.PatchType.MergePatch), "directory", Ns);
        var patched = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch(new { status = new { readyReplicas = 1 }, spec = new { replicas = 5 } }, V1Patch.PatchType.MergePatch), "directory", Ns);

        Assert.Equal(2, patched.Status!.Replicas);
        Assert.Equal(1, patched.Status.ReadyReplicas);
        Assert.Null(patched.Spec!.Replicas);
        Assert.Equal(1, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Kinds_without_a_status_subresource_have_no_status_endpoint()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);

        // KubernetesClient has no status call for ConfigMaps, as the API has no such endpoint: ask by hand.
        var (code, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{Ns}/configmaps/config/status", "{}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.NotFound, code);
    }
}
