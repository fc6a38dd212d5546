using Microsoft.Extensions.Logging.Abstractions;
using Haystack.Kubernetes.Fake;
using Haystack.Operator.Api;
using k8s;
using k8s.Models;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Reconciliation;

/// <summary>The reconciler against the fake API server over HTTP, one reconcile at a time.</summary>
public sealed class ReconcilerTests
{
    [Fact]
    public async Task First_reconcile_creates_every_child_owned_by_the_cluster()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var cluster = await fixture.CreateClusterAsync();

        await fixture.ReconcileAsync();

        foreach (var (kind, name) in OperatorFixture.ExpectedChildren)
        {
            var child = await kind.Read(fixture.Client, name, "haystack", CancellationToken.None);
            var owner = Assert.Single(child.Metadata.OwnerReferences!);
            Assert.Equal(cluster.Metadata.Uid, owner.Uid);
            Assert.True(owner.Controller);
            Assert.Equal("haystack-operator", child.Metadata.Labels!["app.kubernetes.io/managed-by"]);
        }
        Assert.All(fixture.Server.Requests.Where(r => r.Method == "PATCH"), r => Assert.Equal(OperatorIdentity.FieldManager, r.FieldManager));
    }

    [Fact]
    public async Task Status_is_reconciled_for_the_generation_but_not_ready_until_pods_are()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();

        var result = await fixture.ReconcileAsync();
        var status = (await fixture.GetClusterAsync()).Status!;

        Assert.Equal(1, status.ObservedGeneration);
        AssertCondition(status, ConditionTypes.Reconciled, "True", "ReconcileSucceeded");
        AssertCondition(status, ConditionTypes.Ready, "False", ConditionReasons.DirectoryUnavailable);
        // No store pod runs in the fake yet: Ready names the pods; a shortfall is a placement problem only once some pod could take replicas.
        AssertCondition(status, ConditionTypes.Degraded, "False", ConditionReasons.AsExpected);
        Assert.Contains("store 0/3", ConditionList.Find(status.Conditions, ConditionTypes.Ready)!.Message);
        Assert.Equal("300Gi", status.Capacity!.Total);
        Assert.Equal(HaystackClusterReconciler.NotReadyRequeue, result.RequeueAfter);
    }

    [Fact]
    public async Task Cluster_turns_ready_when_every_pod_is_ready_and_a_volume_is_writable()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        var notReadySince = ConditionList.Find((await fixture.GetClusterAsync()).Status!.Conditions, ConditionTypes.Reconciled)!.LastTransitionTime;

        await fixture.MarkEveryPodReadyAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable);
        var result = await fixture.ReconcileAsync();
        var status = (await fixture.GetClusterAsync()).Status!;

        AssertCondition(status, ConditionTypes.Ready, "True", ConditionReasons.UploadsAccepted);
        Assert.Equal(notReadySince, ConditionList.Find(status.Conditions, ConditionTypes.Reconciled)!.LastTransitionTime);
        Assert.Equal(HaystackClusterReconciler.ResyncPeriod, result.RequeueAfter);
    }

    [Fact]
    public async Task Second_reconcile_with_nothing_changed_makes_no_write()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        await fixture.MarkWorkloadsReadyAsync();
        await fixture.ReconcileAsync();
        var writes = fixture.Server.TotalWrites;
        var requests = fixture.Server.Requests.Count;

        await fixture.ReconcileAsync();

        Assert.Equal(writes, fixture.Server.TotalWrites);
        Assert.DoesNotContain(fixture.Server.Requests.Skip(requests), r => r.Method is not "GET");
    }

    [Fact]
    public async Task Fresh_operator_process_trusts_the_input_hash_and_writes_nothing()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        var writes = fixture.Server.TotalWrites;

        var restarted = new HaystackClusterReconciler(fixture.Client, TimeProvider.System, NullLoggerFactory.Instance);
        await restarted.ReconcileAsync("haystack", "photos", CancellationToken.None);

        Assert.Equal(writes, fixture.Server.TotalWrites);
    }

    [Fact]
    public async Task Spec_change_rewrites_only_the_affected_children()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        var cluster = await fixture.GetClusterAsync();
        cluster.Spec.Store.Replicas = 5;
        await fixture.Client.ReplaceAsync(HaystackResourceKinds.Clusters, cluster, "photos", "haystack");
        var statefulSetWrites = fixture.Server.WritesTo(ApiResource.StatefulSet);
        var serviceWrites = fixture.Server.WritesTo(ApiResource.Service);

        await fixture.ReconcileAsync();

        var store = await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack");
        var status = (await fixture.GetClusterAsync()).Status!;
        Assert.Equal(5, store.Spec!.Replicas);
        Assert.Equal(2, status.ObservedGeneration);
        Assert.Equal(statefulSetWrites + 1, fixture.Server.WritesTo(ApiResource.StatefulSet));
        Assert.Equal(serviceWrites, fixture.Server.WritesTo(ApiResource.Service));
        Assert.Equal("500Gi", status.Capacity!.Total);
    }

    [Fact]
    public async Task Hand_edit_of_a_child_is_reverted_on_the_next_reconcile()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        var store = await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack");
        store.Spec!.Replicas = 1;
        await fixture.Client.AppsV1.ReplaceNamespacedStatefulSetAsync(store, "photos-store", "haystack", fieldManager: "kubectl");

        await fixture.ReconcileAsync();

        store = await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack");
        Assert.Equal(3, store.Spec!.Replicas);
    }

    [Fact]
    public async Task Child_name_taken_by_another_controller_fails_the_reconcile_visibly()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = "photos-config",
                NamespaceProperty = "haystack",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "someone-else", Uid = "d0d0", Controller = true }],
            },
        }, "haystack");
        await fixture.CreateClusterAsync();

        var result = await fixture.ReconcileAsync();

        var status = (await fixture.GetClusterAsync()).Status!;
        var reconciled = AssertCondition(status, ConditionTypes.Reconciled, "False", "ReconcileFailed");
        Assert.Contains("ConfigMap haystack/photos-config already exists and is controlled by Deployment someone-else", reconciled.Message);
        AssertCondition(status, ConditionTypes.Degraded, "True", "ReconcileFailed");
        Assert.Null(status.ObservedGeneration);
        Assert.Equal(HaystackClusterReconciler.FailureRequeue, result.RequeueAfter);
    }

    [Fact]
    public async Task Degraded_volumes_make_the_cluster_degraded_and_are_counted()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.CreateVolumeAsync(1, VolumePhase.Writable, bytes: 100);
        await fixture.CreateVolumeAsync(2, VolumePhase.ReadOnly, bytes: 1000);
        await fixture.CreateVolumeAsync(3, VolumePhase.Degraded, bytes: 10);

        await fixture.ReconcileAsync();

        var status = (await fixture.GetClusterAsync()).Status!;
        Assert.Equal(3, status.Volumes!.Total);
        Assert.Equal(1, status.Volumes.Writable);
        Assert.Equal(1, status.Volumes.ReadOnly);
        Assert.Equal(1, status.Volumes.Degraded);
        Assert.Equal((100 + 1000 + 10) * 3, status.Capacity!.UsedBytes);
        AssertCondition(status, ConditionTypes.Degraded, "True", "VolumesDegraded");
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_every_child()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();

        await fixture.Client.DeleteAsync(HaystackResourceKinds.Clusters, "photos", "haystack");
        var result = await fixture.ReconcileAsync();

        Assert.Equal(ReconcileResult.Done, result);
        foreach (var (kind, name) in OperatorFixture.ExpectedChildren)
        {
            Assert.False(await fixture.ExistsAsync(kind, name), $"{kind.Kind} {name} survived the cluster");
        }
    }

    [Fact]
    public async Task Changes_are_reported_as_events_on_the_cluster()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var cluster = await fixture.CreateClusterAsync();

        await fixture.ReconcileAsync();

        var events = await fixture.Client.CoreV1.ListNamespacedEventAsync("haystack");
        // One per child, and one for the generated auth Secret (created once, not applied).
        Assert.Equal(OperatorFixture.ExpectedChildren.Count + 1, events.Items.Count);
        Assert.All(events.Items, e =>
        {
            Assert.Equal(cluster.Metadata.Uid, e.InvolvedObject!.Uid);
            Assert.Equal("Created", e.Reason);
        });
        Assert.Contains(events.Items, e => e.Message == "Created StatefulSet photos-store");
    }

    private static V1Condition AssertCondition(HaystackClusterStatus status, string type, string expectedStatus, string expectedReason)
    {
        var condition = ConditionList.Find(status.Conditions, type);
        Assert.True(condition is not null, $"no {type} condition");
        Assert.Equal((expectedStatus, expectedReason), (condition.Status, condition.Reason));
        Assert.Equal(status.ObservedGeneration ?? 1, condition.ObservedGeneration);
        return condition;
    }
}
