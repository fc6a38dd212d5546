using System.Net;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

public sealed class ServerSideApplyTests : FakeServerTest
{
    private const string Operator = "haystack-operator";

    [Fact]
    public async Task Apply_creates_a_missing_object_and_records_its_manager()
    {
        var applied = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);

        Assert.Equal(3, applied.Spec!.Replicas);
        var entry = Assert.Single(applied.Metadata.ManagedFields!);
        Assert.Equal(Operator, entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Contains("f:replicas", entry.FieldsV1!.Value.GetProperty("f:spec").ToString());
        Assert.Contains(Fake.Requests, r => r.Method == "PATCH" && r.ContentType == "application/apply-patch+yaml" && r.FieldManager == Operator);
    }

    [Fact]
    public async Task Applying_the_same_object_again_writes_nothing()
    {
        var first = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);
        var writes = Fake.WritesTo(ResourceKind.StatefulSet);

        var second = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(writes, Fake.WritesTo(ResourceKind.StatefulSet));
        Assert.Equal(1, second.Metadata.Generation);
    }

    [Fact]
    public async Task Apply_merges_changes_and_bumps_generation_for_spec_changes()
    {
        await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);

        var scaled = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 5), Operator);

        Assert.Equal(5, scaled.Spec!.Replicas);
        Assert.Equal(2, scaled.Metadata.Generation);
        Assert.Equal(2, Fake.WritesTo(ResourceKind.StatefulSet));
    }

    [Fact]
    public async Task Fields_a_manager_stops_applying_are_removed()
    {
        var withLabel = StatefulSet("store");
        withLabel.Metadata.Labels!["extra"] = "yes";
        await Client.ApplyAsync(ResourceKind.StatefulSet, withLabel, Operator);

        var without = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store"), Operator);

        Assert.False(without.Metadata.Labels!.ContainsKey("extra"));
        Assert.Equal("store", without.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task Fields_another_manager_owns_with_another_value_conflict_unless_forced()
    {
        await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);
        await Client.PatchNamespacedStatefulSetAsync(
            new V1Patch(new { spec = new { replicas = 4 } }, V1Patch.PatchType.MergePatch), "store", Ns, fieldManager: "kubectl-scale");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator));
        var forced = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator, force: true);
        var afterForce = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        var cause = Assert.Single(error.Status.Details!.Causes!);
        Assert.Equal(".spec.replicas", cause.Field);
        Assert.Contains("kubectl-scale", cause.Message);
        Assert.Equal(3, forced.Spec!.Replicas);
        Assert.DoesNotContain(forced.Metadata.ManagedFields!, e => e.Manager == "kubectl-scale");
        Assert.Equal(forced.Metadata.ResourceVersion, afterForce.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Two_managers_applying_equal_values_share_the_field_without_conflict()
    {
        await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), Operator);

        var shared = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store", replicas: 3), "another");

        Assert.Equal(2, shared.Metadata.ManagedFields!.Count);
    }

    [Fact]
    public async Task Fields_another_manager_also_owns_survive_when_one_manager_drops_them()
    {
        var withLabel = StatefulSet("store");
        withLabel.Metadata.Labels!["shared"] = "yes";
        await Client.ApplyAsync(ResourceKind.StatefulSet, withLabel, Operator);
        await Client.ApplyAsync(ResourceKind.StatefulSet, withLabel, "another");

        var dropped = await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store"), Operator);

        Assert.Equal("yes", dropped.Metadata.Labels!["shared"]);
    }

    [Fact]
    public async Task Apply_on_the_main_resource_leaves_status_alone()
    {
        await Client.ApplyAsync(ResourceKind.StatefulSet, StatefulSet("store"), Operator);
        var reported = await Client.ReadNamespacedStatefulSetAsync("store", Ns);
        reported.Status = new V1StatefulSetStatus { Replicas = 1, ReadyReplicas = 1 };
        await Client.ReplaceNamespacedStatefulSetStatusAsync(reported, "store", Ns);

        var withStatus = StatefulSet("store");
        withStatus.Status = new V1StatefulSetStatus { Replicas = 0 };
        var applied = await Client.ApplyAsync(ResourceKind.StatefulSet, withStatus, Operator);

        Assert.Equal(1, applied.Status!.ReadyReplicas);
        Assert.Equal(1, applied.Status.Replicas);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_refused_by_the_client()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.PatchNamespacedStatefulSetAsync(new V1Patch(StatefulSet("store"), V1Patch.PatchType.ApplyPatch), "store", Ns));
    }
}
