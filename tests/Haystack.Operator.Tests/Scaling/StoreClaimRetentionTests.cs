using Haystack.Operator.Builders;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Scaling;

public sealed class StoreClaimRetentionTests
{
    [Fact]
    public void Claims_are_kept_on_cluster_delete_and_on_scale_in_by_default()
    {
        var policy = StoreStatefulSet.Build(TestClusters.Minimal()).Spec.PersistentVolumeClaimRetentionPolicy;

        Assert.Equal(("Retain", "Retain"), (policy.WhenDeleted, policy.WhenScaled));
    }

    [Fact]
    public void DeleteClaimsWithCluster_deletes_them_with_the_cluster_and_still_keeps_them_on_scale_in()
    {
        var cluster = TestClusters.Minimal();
        cluster.Spec.Store.DeleteClaimsWithCluster = true;

        var policy = StoreStatefulSet.Build(cluster).Spec.PersistentVolumeClaimRetentionPolicy;

        Assert.Equal(("Delete", "Retain"), (policy.WhenDeleted, policy.WhenScaled));
    }

    [Fact]
    public void A_held_pod_count_overrides_the_spec()
    {
        var cluster = TestClusters.Minimal();

        Assert.Equal(5, StoreStatefulSet.Build(cluster, 5).Spec.Replicas);
        Assert.Equal(cluster.Spec.Store.Replicas, StoreStatefulSet.Build(cluster).Spec.Replicas);
    }
}
