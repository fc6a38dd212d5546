using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class CustomResourceTests : FakeServerTest
{
    private ApiResource Volumes => Fake.RegisterCustomResource("haystack.io", "v1alpha1", "volumes", "Volume", namespaced: true, hasStatus: true);

    [Fact]
    public async Task A_registered_custom_resource_is_served_to_the_custom_objects_calls()
    {
        var kind = Volumes;
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync<Volume>(NewVolume("v7", replicas: 3), kind.Group, kind.Version, Ns, kind.Plural);
        var read = await Client.CustomObjects.GetNamespacedCustomObjectAsync<Volume>(kind.Group, kind.Version, Ns, kind.Plural, "v7");
        var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<Volume>>(kind.Group, kind.Version, Ns, kind.Plural);

        Assert.Equal(3, read.Spec!.Replicas);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("VolumeList", list.Kind);
        Assert.Equal("v7", Assert.Single(list.Items).Metadata.Name);
        Assert.Contains(Fake.Requests, r => r.Path == "/apis/haystack.io/v1alpha1/namespaces/haystack/volumes/v7");
    }

    [Fact]
    public async Task Custom_resource_status_is_written_through_its_subresource_only()
    {
        var kind = Volumes;
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(NewVolume("v7", replicas: 3), kind.Group, kind.Version, Ns, kind.Plural);

        var reported = await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Volume>(
            new V1Patch(new { status = new { phase = "Writable", observedGeneration = 1 } }, V1Patch.PatchType.MergePatch),
            kind.Group, kind.Version, Ns, kind.Plural, "v7");
        var ignored = await Client.CustomObjects.PatchNamespacedCustomObjectAsync<Volume>(
            new V1Patch(new { status = new { phase = "ReadOnly" } }, V1Patch.PatchType.MergePatch), kind.Group, kind.Version, Ns, kind.Plural, "v7");

        Assert.Equal("Writable", reported.Status!.Phase);
        Assert.Equal("Writable", ignored.Status!.Phase);
        Assert.Equal(1, ignored.Metadata.Generation);
    }

    [Fact]
    public async Task Custom_resource_status_can_be_applied_by_its_own_manager()
    {
        var kind = Volumes;
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(NewVolume("v7", replicas: 3), V1Patch.PatchType.ApplyPatch), kind.Group, kind.Version, Ns, kind.Plural, "v7",
            fieldManager: "haystack-operator");
        var status = NewVolume("v7", replicas: 3);
        status.Spec = null;
        status.Status = new VolumeStatus { Phase = "Writable" };

        var applied = await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Volume>(
            new V1Patch(status, V1Patch.PatchType.ApplyPatch), kind.Group, kind.Version, Ns, kind.Plural, "v7", fieldManager: "haystack-operator");

        Assert.Equal("Writable", applied.Status!.Phase);
        Assert.Equal(3, applied.Spec!.Replicas);
        Assert.Contains(applied.Metadata.ManagedFields!, e => e.Subresource == "status");
    }

    [Fact]
    public async Task An_unregistered_resource_is_404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.GetNamespacedCustomObjectAsync<Volume>("haystack.io", "v1alpha1", Ns, "caches", "c"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    private static Volume NewVolume(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new VolumeSpec { Replicas = replicas, SizeLimitBytes = 100L << 30 },
    };
}
