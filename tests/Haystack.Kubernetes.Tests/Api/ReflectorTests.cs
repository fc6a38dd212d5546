using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

public sealed class ReflectorTests : FakeServerTest
{
    [Fact]
    public async Task Reflector_lists_first_then_follows_the_watch()
    {
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        var reflector = new Reflector<V1ConfigMap>(Client, ResourceKind.ConfigMap, Ns, pageSize: 1);
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);

        Assert.Equal("Added a", await NextAsync(events));
        Assert.Equal("Added b", await NextAsync(events));
        // Asking for the next event is what makes the reflector open its watch.
        var next = NextAsync(events);
        await Fake.WaitForWatchesAsync(1, ct);
        await Client.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), "a", Ns);

        Assert.Equal("Modified a", await next);
        Assert.Equal(1, reflector.ListCount);
    }

    [Fact]
    public async Task Reflector_resumes_a_closed_watch_from_the_last_version_without_relisting()
    {
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        var reflector = new Reflector<V1ConfigMap>(Client, ResourceKind.ConfigMap, Ns);
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);
        Assert.Equal("Added a", await NextAsync(events));
        var next = NextAsync(events);
        await Fake.WaitForWatchesAsync(1, ct);

        Fake.SuspendWatches();
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        Fake.ResumeWatches();

        Assert.Equal("Added b", await next);
        Assert.Equal(1, reflector.ListCount);
    }

    [Fact]
    public async Task Reflector_relists_after_410_gone_and_reports_what_it_missed()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Client.CreateNamespacedConfigMapAsync(ConfigMap(name), Ns);
        }

        var reflector = new Reflector<V1ConfigMap>(Client, ResourceKind.ConfigMap, Ns);
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);
        for (var i = 0; i < 3; i++)
        {
            await NextAsync(events);
        }

        var first = NextAsync(events);
        await Fake.WaitForWatchesAsync(1, ct);
        Fake.SuspendWatches();
        await Client.DeleteNamespacedConfigMapAsync("b", Ns);
        await Client.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), "c", Ns);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("d"), Ns);
        Fake.CompactHistory();
        Fake.ResumeWatches();

        var missed = new[] { await first, await NextAsync(events), await NextAsync(events) };
        Assert.Equal(["Added d", "Deleted b", "Modified c"], missed.Order());
        Assert.Equal(2, reflector.ListCount);

        var last = NextAsync(events);
        await Fake.WaitForWatchesAsync(1, ct);
        await Client.CreateNamespacedConfigMapAsync(ConfigMap("e"), Ns);
        Assert.Equal("Added e", await last);
    }

    private static async Task<string> NextAsync(IAsyncEnumerator<(WatchEventType Type, V1ConfigMap Object)> events)
    {
        Assert.True(await events.MoveNextAsync(), "the reflector stopped");
        return $"{events.Current.Type} {events.Current.Object.Metadata.Name}";
    }
}
