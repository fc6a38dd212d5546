using Haystack.Kubernetes.Fake;
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
        await RelistsAfterGoneAsync(Fake, Client);
    }

    [Fact]
    public async Task Reflector_relists_after_an_http_410_answer_too()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { ExpiredWatchAsHttpError = true });
        using var client = fake.CreateClient();

        await RelistsAfterGoneAsync(fake, client);
    }

    private static async Task RelistsAfterGoneAsync(FakeApiServer fake, IKubernetes client)
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await client.CreateNamespacedConfigMapAsync(ConfigMap(name), Ns);
        }

        var reflector = new Reflector<V1ConfigMap>(client, ResourceKind.ConfigMap, Ns);
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);
        for (var i = 0; i < 3; i++)
        {
            await NextAsync(events);
        }

        var first = NextAsync(events);
        await fake.WaitForWatchesAsync(1, ct);
        fake.SuspendWatches();
        await client.DeleteNamespacedConfigMapAsync("b", Ns);
        await client.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), "c", Ns);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("d"), Ns);
        fake.CompactHistory();
        fake.ResumeWatches();

        var missed = new[] { await first, await NextAsync(events), await NextAsync(events) };
        Assert.Equal(["Added d", "Deleted b", "Modified c"], missed.Order());
        Assert.Equal(2, reflector.ListCount);

        var last = NextAsync(events);
        await fake.WaitForWatchesAsync(1, ct);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("e"), Ns);
        Assert.Equal("Added e", await last);
    }

    private static async Task<string> NextAsync(IAsyncEnumerator<(WatchEventType Type, V1ConfigMap Object)> events)
    {
        Assert.True(await events.MoveNextAsync(), "the reflector stopped");
        return $"{events.Current.Type} {events.Current.Object.Metadata.Name}";
    }
}
