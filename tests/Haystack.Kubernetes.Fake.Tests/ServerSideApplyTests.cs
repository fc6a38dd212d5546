using System.Net;
using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class ServerSideApplyTests : FakeServerTest
{
    private const string Operator = "haystack-operator";

    [Fact]
    public async Task Apply_creates_a_missing_object_and_records_its_manager()
    {
        var applied = await ApplyAsync(StatefulSet("store", replicas: 3), Operator);

        Assert.Equal(3, applied.Spec!.Replicas);
        var entry = Assert.Single(applied.Metadata.ManagedFields!);
        Assert.Equal(Operator, entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Contains("f:replicas", KubernetesJson.Serialize(entry.FieldsV1!));
        Assert.Contains(Fake.Requests, r => r.Method == "PATCH" && r.ContentType!.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal) && r.FieldManager == Operator);
    }

    [Fact]
    public async Task Applying_the_same_object_again_writes_nothing()
    {
        var first = await ApplyAsync(StatefulSet("store", replicas: 3), Operator);
        var writes = Fake.WritesTo(ApiResource.StatefulSet);

        var second = await ApplyAsync(StatefulSet("store", replicas: 3), Operator);

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(writes, Fake.WritesTo(ApiResource.StatefulSet));
        Assert.Equal(1, second.Metadata.Generation);
    }

    [Fact]
    public async Task Apply_merges_changes_and_bumps_generation_for_spec_changes()
    {
        await ApplyAsync(StatefulSet("store", replicas: 3), Operator);

        var scaled = await ApplyAsync(StatefulSet("store", replicas: 5), Operator);

        Assert.Equal(5, scaled.Spec!.Replicas);
        Assert.Equal(2, scaled.Metadata.Generation);
        Assert.Equal(2, Fake.WritesTo(ApiResource.StatefulSet));
    }

    [Fact]
    public async Task Fields_a_manager_stops_applying_are_removed()
    {
        var withLabel = StatefulSet("store");
        withLabel.Metadata.Labels!["extra"] = "yes";
        await ApplyAsync(withLabel, Operator);

        var without = await ApplyAsync(StatefulSet("store"), Operator);

        Assert.False(without.Metadata.Labels!.ContainsKey("extra"));
        Assert.Equal("store", without.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task Fields_another_manager_owns_with_another_value_conflict_unless_forced()
    {
        await ApplyAsync(StatefulSet("store", replicas: 3), Operator);
        await Client.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch(new { spec = new { replicas = 4 } }, V1Patch.PatchType.MergePatch), "store", Ns, fieldManager: "kubectl-scale");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            ApplyAsync(StatefulSet("store", replicas: 3), Operator));
        var forced = await ApplyAsync(StatefulSet("store", replicas: 3), Operator, force: true);
        var afterForce = await ApplyAsync(StatefulSet("store", replicas: 3), Operator);

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var cause = Assert.Single(StatusOf(error).Details!.Causes!);
        Assert.Equal(".spec.replicas", cause.Field);
        Assert.Contains("kubectl-scale", cause.Message);
        Assert.Equal(3, forced.Spec!.Replicas);
        Assert.DoesNotContain(forced.Metadata.ManagedFields!, e => e.Manager == "kubectl-scale");
        Assert.Equal(forced.Metadata.ResourceVersion, afterForce.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Two_managers_applying_equal_values_share_the_field_without_conflict()
    {
        await ApplyAsync(StatefulSet("store", replicas: 3), Operator);

        var shared = await ApplyAsync(StatefulSet("store", replicas: 3), "another");

        Assert.Equal(2, shared.Metadata.ManagedFields!.Count);
    }

    [Fact]
    public async Task Fields_another_manager_also_owns_survive_when_one_manager_drops_them()
    {
        var withLabel = StatefulSet("store");
        withLabel.Metadata.Labels!["shared"] = "yes";
        await ApplyAsync(withLabel, Operator);
        await ApplyAsync(withLabel, "another");

        var dropped = await ApplyAsync(StatefulSet("store"), Operator);

        Assert.Equal("yes", dropped.Metadata.Labels!["shared"]);
    }

    [Fact]
    public async Task Apply_on_the_main_resource_leaves_status_alone()
    {
        await ApplyAsync(StatefulSet("store"), Operator);
        var reported = await Client.AppsV1.ReadNamespacedStatefulSetAsync("store", Ns);
        reported.Status = new V1StatefulSetStatus { Replicas = 1, ReadyReplicas = 1 };
        await Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(reported, "store", Ns);

        var withStatus = StatefulSet("store");
        withStatus.Status = new V1StatefulSetStatus { Replicas = 0 };
        var applied = await ApplyAsync(withStatus, Operator);

        Assert.Equal(1, applied.Status!.ReadyReplicas);
        Assert.Equal(1, applied.Status.Replicas);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_refused_by_the_server()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(StatefulSet("store"), V1Patch.PatchType.ApplyPatch), "store", Ns));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("fieldManager", StatusOf(error).Message);
    }
}
