using System.Net;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

public sealed class CrudTests : FakeServerTest
{
    [Fact]
    public async Task Create_sets_uid_creation_time_generation_and_resource_version()
    {
        var created = await Client.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(Fake.ResourceVersion.ToString(), created.Metadata.ResourceVersion);
        var read = await Client.ReadNamespacedStatefulSetAsync("store", Ns);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal(1, read.Spec!.Replicas);
    }

    [Fact]
    public async Task Creating_a_taken_name_is_409_already_exists_with_a_status_body()
    {
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("AlreadyExists", error.Status.Reason);
        Assert.Equal(409, error.Status.Code);
        Assert.Equal("config", error.Status.Details!.Name);
        Assert.Contains("configmaps \"config\" already exists", error.Message);
    }

    [Fact]
    public async Task Reading_a_missing_object_is_404_not_found()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.ReadNamespacedDeploymentAsync("nothing", Ns));

        Assert.True(error.IsNotFound);
        Assert.Equal("NotFound", error.Status.Reason);
        Assert.Equal("deployments.apps \"nothing\" not found", error.Status.Message);
        Assert.Null(await Client.GetOrDefaultAsync<V1Deployment>(ResourceKind.Deployment, "nothing", Ns));
    }

    [Fact]
    public async Task Creating_without_a_name_is_422_invalid_naming_the_field()
    {
        var nameless = ConfigMap("x");
        nameless.Metadata.Name = null;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CreateNamespacedConfigMapAsync(nameless, Ns));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("Invalid", error.Status.Reason);
        Assert.Equal("metadata.name", error.Status.Details!.Causes![0].Field);
    }

    [Fact]
    public async Task Generate_name_gets_a_unique_suffix()
    {
        var template = ConfigMap("unused");
        template.Metadata.Name = null;
        template.Metadata.GenerateName = "job-";

        var first = await Client.CreateNamespacedConfigMapAsync(template, Ns);
        var second = await Client.CreateNamespacedConfigMapAsync(template, Ns);

        Assert.StartsWith("job-", first.Metadata.Name);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_409_conflict()
    {
        var created = await Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var stale = await Client.ReadNamespacedConfigMapAsync("config", Ns);
        created.Data!["key"] = "first";
        var updated = await Client.ReplaceNamespacedConfigMapAsync(created, "config", Ns);

        stale.Data!["key"] = "second";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.ReplaceNamespacedConfigMapAsync(stale, "config", Ns));

        Assert.True(error.IsConflict);
        Assert.Equal("Conflict", error.Status.Reason);
        Assert.Contains("the object has been modified", error.Status.Message);
        Assert.True(long.Parse(updated.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));
        Assert.Equal("first", (await Client.ReadNamespacedConfigMapAsync("config", Ns)).Data!["key"]);
    }

    [Fact]
    public async Task Replace_that_changes_nothing_keeps_the_resource_version_and_counts_no_write()
    {
        var created = await Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var writes = Fake.TotalWrites;

        var replaced = await Client.ReplaceNamespacedConfigMapAsync(created, "config", Ns);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(writes, Fake.TotalWrites);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_live_outside_namespaces()
    {
        var node = new V1Node { Metadata = new V1ObjectMeta { Name = "node-a", Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "z1" } } };

        await Client.CreateAsync(ResourceKind.Node, node);
        var read = await Client.ReadNodeAsync("node-a");
        var all = await Client.ListNodeAsync();

        Assert.Null(read.Metadata.NamespaceProperty);
        Assert.Equal("z1", read.Metadata.Labels!["topology.kubernetes.io/zone"]);
        Assert.Single(all.Items);
        Assert.Contains(Fake.Requests, r => r.Path == "/api/v1/nodes/node-a" && r.Method == "GET");
    }

    [Fact]
    public async Task Urls_must_match_the_scope_of_the_kind()
    {
        var namespacedNode = new ResourceKind("", "v1", "nodes", "Node", Namespaced: true);
        var clusterWideConfigMap = new ResourceKind("", "v1", "configmaps", "ConfigMap", Namespaced: false);

        var nodeError = await Assert.ThrowsAsync<HttpOperationException>(() => Client.GetAsync<V1Node>(namespacedNode, "node-a", Ns));
        var configMapError = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CreateAsync(clusterWideConfigMap, ConfigMap("config")));

        Assert.Contains("cluster-scoped", nodeError.Status.Message);
        Assert.Contains("namespaced", configMapError.Status.Message);
    }

    [Fact]
    public async Task Objects_in_other_namespaces_are_separate()
    {
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var other = ConfigMap("config");
        other.Metadata.NamespaceProperty = "other";
        await Client.CreateNamespacedConfigMapAsync(other, "other");

        var inOne = await Client.ListNamespacedConfigMapAsync(Ns);
        var everywhere = await Client.ListAsync<V1ConfigMapList>(ResourceKind.ConfigMap);

        Assert.Single(inOne.Items);
        Assert.Equal(2, everywhere.Items.Count);
    }
}
