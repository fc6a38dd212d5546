using Haystack.Kubernetes.Fake;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

public sealed class WatchTests : FakeServerTest
{
    [Fact]
    public async Task Watch_from_a_list_version_streams_added_modified_and_deleted()
    {
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("before"), Ns);
        var list = await Client.ListNamespacedConfigMapAsync(Ns);
        var ct = Guard();
        await using var events = Client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: ct)
            .GetAsyncEnumerator(ct);

        var created = await Client.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        created.Data!["key"] = "changed";
        await Client.ReplaceNamespacedConfigMapAsync(created, "config", Ns);
        await Client.DeleteNamespacedConfigMapAsync("config", Ns);

        Assert.Equal((WatchEventType.Added, "config", "value"), await NextAsync(events));
        Assert.Equal((WatchEventType.Modified, "config", "changed"), await NextAsync(events));
        Assert.Equal((WatchEventType.Deleted, "config", "changed"), await NextAsync(events));
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_every_existing_object()
    {
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        var ct = Guard();

        await using var events = Client.WatchListNamespacedConfigMapAsync(Ns, cancellationToken: ct).GetAsyncEnumerator(ct);

        Assert.Equal((WatchEventType.Added, "a", "value"), await NextAsync(events));
        Assert.Equal((WatchEventType.Added, "b", "value"), await NextAsync(events));
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version_to_watches_that_allow_them()
    {
        var ct = Guard();
        await using var events = Client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: "0", allowWatchBookmarks: true, cancellationToken: ct)
            .GetAsyncEnumerator(ct);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        Assert.Equal(WatchEventType.Added, (await NextAsync(events)).Type);

        await Client.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = Ns } }, Ns);
        Fake.SendBookmarks();

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Bookmark, events.Current.Type);
        Assert.Equal(Fake.ResourceVersion.ToString(), events.Current.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_fails_with_410_gone()
    {
        var created = await Client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        Fake.CompactHistory();

        var error = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in Client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: created.Metadata.ResourceVersion, cancellationToken: Guard()))
            {
            }
        });

        Assert.True(error.IsGone);
        Assert.Equal("Expired", error.Status.Reason);
    }

    [Fact]
    public async Task Watch_history_window_limits_how_far_back_a_watch_can_resume()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { HistoryLimit = 2 });
        using var client = fake.CreateClient();
        var first = await client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        var second = await client.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("c"), Ns);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("d"), Ns);
        var ct = Guard();

        await using var recent = client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: second.Metadata.ResourceVersion, cancellationToken: ct)
            .GetAsyncEnumerator(ct);
        var stale = client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: first.Metadata.ResourceVersion, cancellationToken: ct);

        Assert.Equal("c", (await NextAsync(recent)).Name);
        var error = await Assert.ThrowsAsync<HttpOperationException>(async () => await stale.GetAsyncEnumerator(ct).MoveNextAsync());
        Assert.True(error.IsGone);
    }

    [Fact]
    public async Task Label_filtered_watch_sees_an_object_leave_and_enter_its_selector()
    {
        var created = await Client.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["tier"] = "store" }), Ns);
        var ct = Guard();
        await using var events = Client.WatchListNamespacedConfigMapAsync(
                Ns, resourceVersion: created.Metadata.ResourceVersion, labelSelector: "tier=store", cancellationToken: ct)
            .GetAsyncEnumerator(ct);

        created.Metadata.Labels!["tier"] = "cache";
        var moved = await Client.ReplaceNamespacedConfigMapAsync(created, "a", Ns);
        moved.Metadata.Labels!["tier"] = "store";
        await Client.ReplaceNamespacedConfigMapAsync(moved, "a", Ns);

        Assert.Equal(WatchEventType.Deleted, (await NextAsync(events)).Type);
        Assert.Equal(WatchEventType.Added, (await NextAsync(events)).Type);
    }

    [Fact]
    public async Task Watch_ends_when_the_server_closes_it()
    {
        var ct = Guard();
        var drained = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in Client.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: "0", cancellationToken: ct))
            {
                count++;
            }

            return count;
        });
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await Fake.WaitForWatchesAsync(1, ct);

        Fake.CloseWatches();

        Assert.Equal(1, await drained.WaitAsync(ct));
    }

    private static async Task<(WatchEventType Type, string? Name, string? Value)> NextAsync(IAsyncEnumerator<(WatchEventType Type, V1ConfigMap Object)> events)
    {
        Assert.True(await events.MoveNextAsync(), "the watch ended early");
        var (type, item) = events.Current;
        return (type, item.Metadata.Name, item.Data?["key"]);
    }
}
