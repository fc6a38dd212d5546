using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

public sealed class CustomResourceTests : FakeServerTest
{
    private ResourceKind Volumes => Fake.RegisterCustomResource("haystack.io", "v1alpha1", "volumes", "Volume", namespaced: true, hasStatus: true);

    [Fact]
    public async Task The_generic_core_serves_a_registered_custom_resource()
    {
        var kind = Volumes;
        var created = await Client.CreateAsync(kind, NewVolume("v7", replicas: 3), Ns);
        var read = await Client.GetAsync<Volume>(kind, "v7", Ns);
        var list = await Client.ListAsync<KubernetesList<Volume>>(kind, Ns);

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
        await Client.CreateAsync(kind, NewVolume("v7", replicas: 3), Ns);

        var reported = await Client.PatchStatusAsync<Volume>(
            kind, new V1Patch(new { status = new { phase = "Writable", observedGeneration = 1 } }, V1Patch.PatchType.MergePatch), "v7", Ns);
        var ignored = await Client.PatchAsync<Volume>(
            kind, new V1Patch(new { status = new { phase = "ReadOnly" } }, V1Patch.PatchType.MergePatch), "v7", Ns);

        Assert.Equal("Writable", reported.Status!.Phase);
        Assert.Equal("Writable", ignored.Status!.Phase);
        Assert.Equal(1, ignored.Metadata.Generation);
    }

    [Fact]
    public async Task Custom_resource_status_can_be_applied_by_its_own_manager()
    {
        var kind = Volumes;
        await Client.ApplyAsync(kind, NewVolume("v7", replicas: 3), "haystack-operator");
        var status = NewVolume("v7", replicas: 3);
        status.Spec = null;
        status.Status = new VolumeStatus { Phase = "Writable" };

        var applied = await Client.PatchStatusAsync<Volume>(
            kind, new V1Patch(status, V1Patch.PatchType.ApplyPatch), "v7", Ns, fieldManager: "haystack-operator");

        Assert.Equal("Writable", applied.Status!.Phase);
        Assert.Equal(3, applied.Spec!.Replicas);
        Assert.Contains(applied.Metadata.ManagedFields!, e => e.Subresource == "status");
    }

    [Fact]
    public async Task An_unregistered_resource_is_404()
    {
        var unknown = new ResourceKind("haystack.io", "v1alpha1", "caches", "Cache", Namespaced: true);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.GetAsync<Volume>(unknown, "c", Ns));

        Assert.True(error.IsNotFound);
    }

    private static Volume NewVolume(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new VolumeSpec { Replicas = replicas, SizeLimitBytes = 100L << 30 },
    };
}
