using System.Net;
using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class DeletionTests : FakeServerTest
{
    [Theory]
    [InlineData(null)]
    [InlineData("Background")]
    [InlineData("Foreground")]
    public async Task Deleting_an_owner_deletes_its_dependents_recursively(string? policy)
    {
        var owner = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        var child = await Client.CoreV1.CreateNamespacedConfigMapAsync(OwnedBy(ConfigMap("child"), owner), Ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = OwnedBy(ConfigMap("grandchild"), child).Metadata }, Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("unrelated"), Ns);

        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("store", Ns, propagationPolicy: policy);

        Assert.Empty((await Client.AppsV1.ListNamespacedStatefulSetAsync(Ns)).Items);
        Assert.Equal(["unrelated"], (await Client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Select(i => i.Metadata.Name));
        Assert.Empty((await Client.CoreV1.ListNamespacedSecretAsync(Ns)).Items);
    }

    [Fact]
    public async Task Orphan_keeps_dependents_and_drops_their_owner_reference()
    {
        var owner = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(OwnedBy(ConfigMap("child"), owner), Ns);

        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("store", Ns, propagationPolicy: "Orphan");

        var child = await Client.CoreV1.ReadNamespacedConfigMapAsync("child", Ns);
        Assert.Null(child.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_the_last_one_is_removed()
    {
        var withFinalizers = ConfigMap("config");
        withFinalizers.Metadata.Finalizers = ["haystack.io/drain", "haystack.io/backup"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(withFinalizers, Ns);

        // While finalizers hold it, the API server answers with the marked object, not a Success Status.
        var answer = await Client.CoreV1.DeleteNamespacedConfigMapAsync("config", Ns);
        var marked = await Client.CoreV1.ReadNamespacedConfigMapAsync("config", Ns);
        marked.Metadata.Finalizers = ["haystack.io/backup"];
        var stillThere = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(marked, "config", Ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "config", Ns);

        Assert.Equal("ConfigMap", answer.Kind);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.NotNull(stillThere.Metadata.DeletionTimestamp);
        Assert.Null(await OrNullAsync(Client.CoreV1.ReadNamespacedConfigMapAsync("config", Ns)));
    }

    [Fact]
    public async Task An_owner_with_finalizers_keeps_its_dependents_until_it_is_really_gone()
    {
        var set = StatefulSet("store");
        set.Metadata.Finalizers = ["haystack.io/drain"];
        var owner = await Client.AppsV1.CreateNamespacedStatefulSetAsync(set, Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(OwnedBy(ConfigMap("child"), owner), Ns);

        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("store", Ns);
        var childWhileHeld = await OrNullAsync(Client.CoreV1.ReadNamespacedConfigMapAsync("child", Ns));
        await Client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch("""{"metadata":{"finalizers":[]}}""", V1Patch.PatchType.MergePatch), "store", Ns);

        Assert.NotNull(childWhileHeld);
        Assert.Null(await OrNullAsync(Client.CoreV1.ReadNamespacedConfigMapAsync("child", Ns)));
    }

    [Fact]
    public async Task Deleting_a_missing_object_is_404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("missing", Ns));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_is_seen_by_watchers_with_the_final_object()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        var ct = Guard();
        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: created.Metadata.ResourceVersion, cancellationToken: ct)
            .GetAsyncEnumerator(ct);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("config", Ns);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Deleted, events.Current.Item1);
        Assert.Equal(created.Metadata.Uid, events.Current.Item2.Metadata.Uid);
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
