using System.Net;
using Haystack.Kubernetes.Fake;
using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class WatchTests : FakeServerTest
{
    [Fact]
    public async Task Watch_from_a_list_version_streams_added_modified_and_deleted()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("before"), Ns);
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(Ns);
        var ct = Guard();
        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: ct)
            .GetAsyncEnumerator(ct);

        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), Ns);
        created.Data!["key"] = "changed";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "config", Ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("config", Ns);

        Assert.Equal((WatchEventType.Added, "config", "value"), await NextAsync(events));
        Assert.Equal((WatchEventType.Modified, "config", "changed"), await NextAsync(events));
        Assert.Equal((WatchEventType.Deleted, "config", "changed"), await NextAsync(events));
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_every_existing_object()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        var ct = Guard();

        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, cancellationToken: ct).GetAsyncEnumerator(ct);

        Assert.Equal((WatchEventType.Added, "a", "value"), await NextAsync(events));
        Assert.Equal((WatchEventType.Added, "b", "value"), await NextAsync(events));
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version_to_watches_that_allow_them()
    {
        var ct = Guard();
        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: "0", allowWatchBookmarks: true, cancellationToken: ct)
            .GetAsyncEnumerator(ct);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        Assert.Equal(WatchEventType.Added, (await NextAsync(events)).Type);

        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = Ns } }, Ns);
        Fake.SendBookmarks();

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Bookmark, events.Current.Item1);
        Assert.Equal(Fake.ResourceVersion.ToString(), events.Current.Item2.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_ends_with_a_410_expired_error_event()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        Fake.CompactHistory();
        var errors = new List<Exception>();

        // KubernetesClient hands an ERROR event to onError and ends the enumeration when the server closes the stream.
        await foreach (var _ in Client.CoreV1.WatchListNamespacedConfigMapAsync(
            Ns, resourceVersion: created.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: Guard()))
        {
            Assert.Fail("a watch from a compacted version must not deliver events");
        }

        var expired = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, expired.Status.Code);
        Assert.Equal("Expired", expired.Status.Reason);
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_can_be_answered_with_http_410()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { ExpiredWatchAsHttpError = true });
        using var client = fake.CreateClient();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        fake.CompactHistory();

        var error = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: created.Metadata.ResourceVersion, cancellationToken: Guard()))
            {
            }
        });

        Assert.Equal(HttpStatusCode.Gone, error.Response.StatusCode);
        Assert.Equal("Expired", StatusOf(error).Reason);
    }

    [Fact]
    public async Task Watch_history_window_limits_how_far_back_a_watch_can_resume()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { HistoryLimit = 2 });
        using var client = fake.CreateClient();
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        var second = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("d"), Ns);
        var ct = Guard();

        await using var recent = client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: second.Metadata.ResourceVersion, cancellationToken: ct)
            .GetAsyncEnumerator(ct);
        var errors = new List<Exception>();
        var stale = client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: first.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: ct);

        Assert.Equal("c", (await NextAsync(recent)).Name);
        Assert.False(await stale.GetAsyncEnumerator(ct).MoveNextAsync());
        Assert.Equal(410, Assert.IsType<KubernetesException>(Assert.Single(errors)).Status.Code);
    }

    [Fact]
    public async Task Label_filtered_watch_sees_an_object_leave_and_enter_its_selector()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["tier"] = "store" }), Ns);
        var ct = Guard();
        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(
                Ns, resourceVersion: created.Metadata.ResourceVersion, labelSelector: "tier=store", cancellationToken: ct)
            .GetAsyncEnumerator(ct);

        created.Metadata.Labels!["tier"] = "cache";
        var moved = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", Ns);
        moved.Metadata.Labels!["tier"] = "store";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(moved, "a", Ns);

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
            await foreach (var _ in Client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: "0", cancellationToken: ct))
            {
                count++;
            }

            return count;
        });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
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
