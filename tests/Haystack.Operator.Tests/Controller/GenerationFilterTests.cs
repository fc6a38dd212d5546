using k8s.Models;
using Haystack.Operator.Controller;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Tests.Controller;

public sealed class GenerationFilterTests
{
    private static readonly ClusterKey Key = new("haystack", "photos");

    [Fact]
    public void NewClusterIsReconciled() =>
        Assert.True(new GenerationFilter().ShouldReconcile(Key, Cluster(1)));

    [Fact]
    public void StatusOnlyChangeIsIgnoredAndSpecChangeIsNot()
    {
        var filter = new GenerationFilter();
        filter.ShouldReconcile(Key, Cluster(1));

        Assert.False(filter.ShouldReconcile(Key, Cluster(1)));
        Assert.True(filter.ShouldReconcile(Key, Cluster(2)));
    }

    [Fact]
    public void DeletionIsReconciledEvenWithoutANewGeneration()
    {
        var filter = new GenerationFilter();
        filter.ShouldReconcile(Key, Cluster(3));

        var deleting = Cluster(3);
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.True(filter.ShouldReconcile(Key, deleting));
    }

    [Fact]
    public void ForgottenClusterIsNewAgain()
    {
        var filter = new GenerationFilter();
        filter.ShouldReconcile(Key, Cluster(1));

        filter.Forget(Key);

        Assert.True(filter.ShouldReconcile(Key, Cluster(1)));
    }

    private static V1Alpha1HaystackCluster Cluster(long generation) =>
        new() { Metadata = new V1ObjectMeta { Name = Key.Name, NamespaceProperty = Key.Namespace, Generation = generation } };
}
