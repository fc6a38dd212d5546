using Haystack.Operator.Api;
using Haystack.Testing;
using k8s;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Status;

public sealed class ClusterStatusWriterTests
{
    [Fact]
    public async Task Conflicting_write_is_reread_and_the_status_still_lands()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        // A user labels the cluster between the operator's read and its status write.
        var interleaving = new InterleavingHandler(async () =>
        {
            var cluster = await fixture.GetClusterAsync();
            cluster.Metadata.Labels = new Dictionary<string, string> { ["team"] = "photos" };
            await fixture.Client.ReplaceAsync(HaystackResourceKinds.Clusters, cluster, "photos", "haystack");
        });
        using var client = new k8s.Kubernetes(fixture.Server.ClientConfiguration, interleaving);
        var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, fixture.Loggers);

        await reconciler.ReconcileAsync("haystack", "photos", CancellationToken.None);

        var stored = await fixture.GetClusterAsync();
        Assert.Equal(2, interleaving.StatusWrites);
        Assert.Equal("photos", stored.Metadata.Labels!["team"]);
        Assert.Equal("True", ConditionList.Find(stored.Status!.Conditions, ConditionTypes.Reconciled)!.Status);
    }

    [Fact]
    public async Task Unchanged_status_is_not_written()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var cluster = await fixture.CreateClusterAsync();
        var writer = new ClusterStatusWriter(fixture.Client);
        var status = new HaystackClusterStatus { ObservedGeneration = 1, Volumes = new VolumeCounts { Total = 2 } };
        Assert.True(await writer.WriteAsync(cluster, _ => status, CancellationToken.None));
        var writes = fixture.Server.TotalWrites;

        var written = await writer.WriteAsync(await fixture.GetClusterAsync(), _ => new HaystackClusterStatus
        {
            ObservedGeneration = 1,
            Volumes = new VolumeCounts { Total = 2 },
        }, CancellationToken.None);

        Assert.False(written);
        Assert.Equal(writes, fixture.Server.TotalWrites);
    }

    [Fact]
    public async Task Status_write_leaves_the_spec_alone()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var cluster = await fixture.CreateClusterAsync();
        cluster.Spec.Store.Replicas = 9;

        await new ClusterStatusWriter(fixture.Client).WriteAsync(cluster, _ => new HaystackClusterStatus { ObservedGeneration = 1 }, CancellationToken.None);

        var stored = await fixture.GetClusterAsync();
        Assert.Equal(3, stored.Spec.Store.Replicas);
        Assert.Equal(1, stored.Status!.ObservedGeneration);
        Assert.Equal(1, stored.Metadata.Generation);
    }
}
