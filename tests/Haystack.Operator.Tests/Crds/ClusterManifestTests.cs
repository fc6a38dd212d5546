using Haystack.Operator.Crds;

namespace Haystack.Operator.Tests.Crds;

public sealed class ClusterManifestTests
{
    private const string Minimal = """
        apiVersion: haystack.io/v1alpha1
        kind: HaystackCluster
        metadata: {name: photos}
        spec:
          image: haystack:1
          store: {storageClassName: local-xfs}
        """;

    [Fact]
    public void Defaults_fill_what_the_file_leaves_out_and_the_namespace_is_default()
    {
        var cluster = ClusterManifest.Read(Minimal, "cluster.yaml");

        Assert.Equal("default", cluster.Metadata.NamespaceProperty);
        Assert.Equal((3, "100Gi", 3, 2, 0.95), (cluster.Spec.Store.Replicas, cluster.Spec.Store.StorageSize,
            cluster.Spec.Volume.Replicas, cluster.Spec.Cache.Replicas, cluster.Spec.ReadOnlyThreshold));
    }

    [Fact]
    public void The_cluster_is_picked_out_of_a_stream_of_other_objects()
    {
        var cluster = ClusterManifest.Read("apiVersion: v1\nkind: Namespace\nmetadata: {name: haystack}\n---\n" + Minimal, "all.yaml");

        Assert.Equal("photos", cluster.Metadata.Name);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read("spec:\n  image: [unclosed\n", "broken.yaml"));

        Assert.StartsWith("broken.yaml is not a valid resource", error.Message);
        Assert.Contains("line ", Assert.Single(error.Problems));
    }

    [Fact]
    public void A_file_without_a_cluster_says_what_it_expected()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read("apiVersion: v1\nkind: ConfigMap\n", "cm.yaml"));

        Assert.Equal("expected exactly one haystack.io/v1alpha1 HaystackCluster, found 0", Assert.Single(error.Problems));
    }

    [Fact]
    public void Every_schema_problem_is_listed()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read(
            Minimal.Replace("store: {storageClassName: local-xfs}", "store: {replicas: 0}"), "bad.yaml"));

        Assert.Equal(["spec.store.storageClassName: required field is missing", "spec.store.replicas: must be at least 1, got 0"], error.Problems);
    }

    [Fact]
    public void A_cluster_needs_a_name()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read(Minimal.Replace("metadata: {name: photos}", "metadata: {}"), "anon.yaml"));

        Assert.Equal("metadata.name: required field is missing", Assert.Single(error.Problems));
    }
}
