using k8s.Models;
using Haystack.Operator.Controller;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Tests.Controller;

public sealed class GenerationFilterTests
{
    private static readonly ClusterKey Key = new("haystack", "photos");

    [Fact]
    public void New_cluster_is_reconciled() =>
        Assert.True(new GenerationFilter().ShouldReconcile(Key, Cluster(1)));

    [Fact]
    public void Status_only_change_is_ignored_and_spec_change_is_not()
    {
        var filter = new GenerationFilter();
        filter.ShouldReconcile(Key, Cluster(1));

        Assert.False(filter.ShouldReconcile(Key, Cluster(1)));
        Assert.True(filter.ShouldReconcile(Key, Cluster(2)));
    }

    [Fact]
    public void Deletion_is_reconciled_even_without_a_new_generation()
    {
        var filter = new GenerationFilter();
        filter.ShouldReconcile(Key, Cluster(3));

        var deleting = Cluster(3);
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.True(filter.ShouldReconcile(Key, deleting));
    }

    [Fact]
    public void Forgotten_cluster_is_new_again()
    {
        var filter = new GenerationFilter();
        filter.ShouldReconcile(Key, Cluster(1));

        filter.Forget(Key);

        Assert.True(filter.ShouldReconcile(Key, Cluster(1)));
    }

    private static V1Alpha1HaystackCluster Cluster(long generation) =>
        new() { Metadata = new V1ObjectMeta { Name = Key.Name, NamespaceProperty = Key.Namespace, Generation = generation } };
}
