using System.Net;
using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class PatchTests : FakeServerTest
{
    [Fact]
    public async Task Merge_patch_sets_fields_and_null_removes_them()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(
            ConfigMap("config", data: new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" }), Ns);

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"drop":null,"add":"3"},"metadata":{"labels":{"tier":"store"}}}""", V1Patch.PatchType.MergePatch), "config", Ns);

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["add"] = "3" }, patched.Data);
        Assert.Equal("store", patched.Metadata.Labels!["tier"]);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order()
    {
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store", replicas: 1), Ns);
        var operations = """
            [
              {"op": "test", "path": "/spec/replicas", "value": 1},
              {"op": "replace", "path": "/spec/replicas", "value": 4},
              {"op": "add", "path": "/metadata/labels/tier", "value": "store"},
              {"op": "copy", "from": "/metadata/labels/tier", "path": "/metadata/labels/copy"},
              {"op": "remove", "path": "/metadata/labels/app"}
            ]
            """;

        var patched = await Client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(operations, V1Patch.PatchType.JsonPatch), "store", Ns);

        Assert.Equal(4, patched.Spec!.Replicas);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "store", ["copy"] = "store" }, patched.Metadata.Labels);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Json_patch_with_a_failing_test_changes_nothing()
    {
        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store", replicas: 1), Ns);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/replicas","value":9},{"op":"test","path":"/spec/replicas","value":1}]""", V1Patch.PatchType.JsonPatch),
            "store", Ns));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal(created.Metadata.ResourceVersion, (await Client.AppsV1.ReadNamespacedStatefulSetAsync("store", Ns)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Patch_carrying_a_stale_resource_version_conflicts()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"v2"}}""", V1Patch.PatchType.MergePatch), "config", Ns);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(new { metadata = new { resourceVersion = created.Metadata.ResourceVersion }, data = new { key = "v3" } }, V1Patch.PatchType.MergePatch),
            "config", Ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Strategic_merge_works_on_built_in_kinds_and_is_refused_for_custom_resources()
    {
        var custom = Fake.RegisterCustomResource("haystack.io", "v1alpha1", "volumes", "Volume", namespaced: true, hasStatus: true);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Volume { Metadata = new V1ObjectMeta { Name = "v1", NamespaceProperty = Ns } }, custom.Group, custom.Version, Ns, custom.Plural);

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"v2"}}""", V1Patch.PatchType.StrategicMergePatch), "config", Ns);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.StrategicMergePatch), custom.Group, custom.Version, Ns, custom.Plural, "v1"));

        Assert.Equal("v2", patched.Data!["key"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.Response.StatusCode);
    }

    [Fact]
    public async Task Patching_a_missing_object_is_404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{}", V1Patch.PatchType.MergePatch), "missing", Ns));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }
}
