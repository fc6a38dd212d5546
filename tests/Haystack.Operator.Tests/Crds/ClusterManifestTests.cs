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
    public void DefaultsFillWhatTheFileLeavesOutAndTheNamespaceIsDefault()
    {
        var cluster = ClusterManifest.Read(Minimal, "cluster.yaml");

        Assert.Equal("default", cluster.Metadata.NamespaceProperty);
        Assert.Equal((3, "100Gi", 3, 2, 0.95), (cluster.Spec.Store.Replicas, cluster.Spec.Store.StorageSize,
            cluster.Spec.Volume.Replicas, cluster.Spec.Cache.Replicas, cluster.Spec.ReadOnlyThreshold));
    }

    [Fact]
    public void TheClusterIsPickedOutOfAStreamOfOtherObjects()
    {
        var cluster = ClusterManifest.Read("apiVersion: v1\nkind: Namespace\nmetadata: {name: haystack}\n---\n" + Minimal, "all.yaml");

        Assert.Equal("photos", cluster.Metadata.Name);
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsLine()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read("spec:\n  image: [unclosed\n", "broken.yaml"));

        Assert.StartsWith("broken.yaml is not a valid resource", error.Message);
        Assert.Contains("line ", Assert.Single(error.Problems));
    }

    [Fact]
    public void AFileWithoutAClusterSaysWhatItExpected()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read("apiVersion: v1\nkind: ConfigMap\n", "cm.yaml"));

        Assert.Equal("expected exactly one haystack.io/v1alpha1 HaystackCluster, found 0", Assert.Single(error.Problems));
    }

    [Fact]
    public void EverySchemaProblemIsListed()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read(
            Minimal.Replace("store: {storageClassName: local-xfs}", "store: {replicas: 0}"), "bad.yaml"));

        Assert.Equal(["spec.store.storageClassName: required field is missing", "spec.store.replicas: must be at least 1, got 0"], error.Problems);
    }

    [Fact]
    public void AClusterNeedsAName()
    {
        var error = Assert.Throws<InvalidResourceException>(() => ClusterManifest.Read(Minimal.Replace("metadata: {name: photos}", "metadata: {}"), "anon.yaml"));

        Assert.Equal("metadata.name: required field is missing", Assert.Single(error.Problems));
    }
}
