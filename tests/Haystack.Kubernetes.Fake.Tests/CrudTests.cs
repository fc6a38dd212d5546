using System.Net;
using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class CrudTests : FakeServerTest
{
    [Fact]
    public async Task Create_sets_uid_creation_time_generation_and_resource_version()
    {
        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(Fake.ResourceVersion.ToString(), created.Metadata.ResourceVersion);
        var read = await Client.AppsV1.ReadNamespacedStatefulSetAsync("store", Ns);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal(1, read.Spec!.Replicas);
    }

    [Fact]
    public async Task Creating_a_taken_name_is_409_already_exists_with_a_status_body()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("AlreadyExists", StatusOf(error).Reason);
        Assert.Equal(409, StatusOf(error).Code);
        Assert.Equal("config", StatusOf(error).Details!.Name);
        Assert.Contains("configmaps \"config\" already exists", StatusOf(error).Message);
    }

    [Fact]
    public async Task Reading_a_missing_object_is_404_not_found()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReadNamespacedDeploymentAsync("nothing", Ns));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Equal("NotFound", StatusOf(error).Reason);
        Assert.Equal("deployments.apps \"nothing\" not found", StatusOf(error).Message);
        Assert.Null(await OrNullAsync(Client.AppsV1.ReadNamespacedDeploymentAsync("nothing", Ns)));
    }

    [Fact]
    public async Task Creating_without_a_name_is_422_invalid_naming_the_field()
    {
        var nameless = ConfigMap("x");
        nameless.Metadata.Name = null;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(nameless, Ns));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal("Invalid", StatusOf(error).Reason);
        Assert.Equal("metadata.name", StatusOf(error).Details!.Causes![0].Field);
    }

    [Fact]
    public async Task Generate_name_gets_a_unique_suffix()
    {
        var template = ConfigMap("unused");
        template.Metadata.Name = null;
        template.Metadata.GenerateName = "job-";

        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(template, Ns);
        var second = await Client.CoreV1.CreateNamespacedConfigMapAsync(template, Ns);

        Assert.StartsWith("job-", first.Metadata.Name);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_409_conflict()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var stale = await Client.CoreV1.ReadNamespacedConfigMapAsync("config", Ns);
        created.Data!["key"] = "first";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "config", Ns);

        stale.Data!["key"] = "second";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "config", Ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("Conflict", StatusOf(error).Reason);
        Assert.Contains("the object has been modified", StatusOf(error).Message);
        Assert.True(long.Parse(updated.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));
        Assert.Equal("first", (await Client.CoreV1.ReadNamespacedConfigMapAsync("config", Ns)).Data!["key"]);
    }

    [Fact]
    public async Task Replace_that_changes_nothing_keeps_the_resource_version_and_counts_no_write()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var writes = Fake.TotalWrites;

        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "config", Ns);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(writes, Fake.TotalWrites);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_live_outside_namespaces()
    {
        var node = new V1Node { Metadata = new V1ObjectMeta { Name = "node-a", Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "z1" } } };

        await Client.CoreV1.CreateNodeAsync(node);
        var read = await Client.CoreV1.ReadNodeAsync("node-a");
        var all = await Client.CoreV1.ListNodeAsync();

        Assert.Null(read.Metadata.NamespaceProperty);
        Assert.Equal("z1", read.Metadata.Labels!["topology.kubernetes.io/zone"]);
        Assert.Single(all.Items);
        Assert.Contains(Fake.Requests, r => r.Path == "/api/v1/nodes/node-a" && r.Method == "GET");
    }

    [Fact]
    public async Task Urls_must_match_the_scope_of_the_kind()
    {
        // No typed call builds such URLs, so send them as a hand-written client would.
        var (nodeCode, nodeError) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{Ns}/nodes/node-a");
        var (configMapCode, configMapError) = await SendAsync(HttpMethod.Post, "/api/v1/configmaps", KubernetesJson.Serialize(ConfigMap("config")));

        Assert.Equal(HttpStatusCode.NotFound, nodeCode);
        Assert.Equal(HttpStatusCode.NotFound, configMapCode);
        Assert.Contains("cluster-scoped", nodeError.Message);
        Assert.Contains("namespaced", configMapError.Message);
    }

    [Fact]
    public async Task Objects_in_other_namespaces_are_separate()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var other = ConfigMap("config");
        other.Metadata.NamespaceProperty = "other";
        await Client.CoreV1.CreateNamespacedConfigMapAsync(other, "other");

        var inOne = await Client.CoreV1.ListNamespacedConfigMapAsync(Ns);
        var everywhere = await Client.CoreV1.ListConfigMapForAllNamespacesAsync();

        Assert.Single(inOne.Items);
        Assert.Equal(2, everywhere.Items.Count);
    }
}
