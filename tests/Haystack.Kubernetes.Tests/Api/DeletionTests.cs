using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

public sealed class DeletionTests : FakeServerTest
{
    [Theory]
    [InlineData(null)]
    [InlineData("Background")]
    [InlineData("Foreground")]
    public async Task Deleting_an_owner_deletes_its_dependents_recursively(string? policy)
    {
        var owner = await Client.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        var child = await Client.CreateNamespacedConfigMapAsync(OwnedBy(ConfigMap("child"), owner), Ns);
        await Client.CreateNamespacedSecretAsync(new V1Secret { Metadata = OwnedBy(ConfigMap("grandchild"), child).Metadata }, Ns);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("unrelated"), Ns);

        await Client.DeleteNamespacedStatefulSetAsync("store", Ns, propagationPolicy: policy);

        Assert.Empty((await Client.ListNamespacedStatefulSetAsync(Ns)).Items);
        Assert.Equal(["unrelated"], (await Client.ListNamespacedConfigMapAsync(Ns)).Items.Select(i => i.Metadata.Name));
        Assert.Empty((await Client.ListNamespacedSecretAsync(Ns)).Items);
    }

    [Fact]
    public async Task Orphan_keeps_dependents_and_drops_their_owner_reference()
    {
        var owner = await Client.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        await Client.CreateNamespacedConfigMapAsync(OwnedBy(ConfigMap("child"), owner), Ns);

        await Client.DeleteNamespacedStatefulSetAsync("store", Ns, propagationPolicy: "Orphan");

        var child = await Client.ReadNamespacedConfigMapAsync("child", Ns);
        Assert.Null(child.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_the_last_one_is_removed()
    {
        var withFinalizers = ConfigMap("config");
        withFinalizers.Metadata.Finalizers = ["haystack.io/drain", "haystack.io/backup"];
        await Client.CreateNamespacedConfigMapAsync(withFinalizers, Ns);

        var status = await Client.DeleteNamespacedConfigMapAsync("config", Ns);
        var marked = await Client.ReadNamespacedConfigMapAsync("config", Ns);
        marked.Metadata.Finalizers = ["haystack.io/backup"];
        var stillThere = await Client.ReplaceNamespacedConfigMapAsync(marked, "config", Ns);
        await Client.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "config", Ns);

        Assert.Equal("Success", status.Status);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.NotNull(stillThere.Metadata.DeletionTimestamp);
        Assert.Null(await Client.GetOrDefaultAsync<V1ConfigMap>(ResourceKind.ConfigMap, "config", Ns));
    }

    [Fact]
    public async Task An_owner_with_finalizers_keeps_its_dependents_until_it_is_really_gone()
    {
        var set = StatefulSet("store");
        set.Metadata.Finalizers = ["haystack.io/drain"];
        var owner = await Client.CreateNamespacedStatefulSetAsync(set, Ns);
        await Client.CreateNamespacedConfigMapAsync(OwnedBy(ConfigMap("child"), owner), Ns);

        await Client.DeleteNamespacedStatefulSetAsync("store", Ns);
        var childWhileHeld = await Client.GetOrDefaultAsync<V1ConfigMap>(ResourceKind.ConfigMap, "child", Ns);
        await Client.PatchNamespacedStatefulSetAsync(new V1Patch("""{"metadata":{"finalizers":[]}}""", V1Patch.PatchType.MergePatch), "store", Ns);

        Assert.NotNull(childWhileHeld);
        Assert.Null(await Client.GetOrDefaultAsync<V1ConfigMap>(ResourceKind.ConfigMap, "child", Ns));
    }

    [Fact]
    public async Task Deleting_a_missing_object_is_404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.DeleteNamespacedConfigMapAsync("missing", Ns));

        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Delete_is_seen_by_watchers_with_the_final_object()
    {
        var created = await Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var ct = Guard();
        await using var events = Client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: created.Metadata.ResourceVersion, cancellationToken: ct)
            .GetAsyncEnumerator(ct);

        await Client.DeleteNamespacedConfigMapAsync("config", Ns);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Deleted, events.Current.Type);
        Assert.Equal(created.Metadata.Uid, events.Current.Object.Metadata.Uid);
    }

    private static T OwnedBy<T>(T child, IKubernetesObject<V1ObjectMeta> owner)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        child.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name!, Uid = owner.Metadata.Uid!, Controller = true },
        ];
        return child;
    }
}
