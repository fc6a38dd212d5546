using Haystack.Kubernetes.Fake;
using Haystack.Operator.Api;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Controller;

/// <summary>The operator's list+watch cache over KubernetesClient's typed calls, against the fake API server.</summary>
public sealed class ReflectorTests
{
    private const string Ns = "haystack";

    [Fact]
    public async Task Reflector_lists_first_then_follows_the_watch()
    {
        await using var fake = await FakeApiServer.StartAsync();
        using var client = fake.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        var reflector = new Reflector<IKubernetesObject<V1ObjectMeta>>(ChildKind.ConfigMap.ListWatch(client, Ns, null), pageSize: 1);
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);

        Assert.Equal("Added a", await NextAsync(events));
        Assert.Equal("Added b", await NextAsync(events));
        // Asking for the next event is what makes the reflector open its watch.
        var next = NextAsync(events);
        await fake.WaitForWatchesAsync(1, ct);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), "a", Ns);

        Assert.Equal("Modified a", await next);
        Assert.Equal(1, reflector.ListCount);
    }

    [Fact]
    public async Task Reflector_resumes_a_closed_watch_from_the_last_version_without_relisting()
    {
        await using var fake = await FakeApiServer.StartAsync();
        using var client = fake.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        var reflector = new Reflector<IKubernetesObject<V1ObjectMeta>>(ChildKind.ConfigMap.ListWatch(client, Ns, null));
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);
        Assert.Equal("Added a", await NextAsync(events));
        var next = NextAsync(events);
        await fake.WaitForWatchesAsync(1, ct);

        fake.SuspendWatches();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        fake.ResumeWatches();

        Assert.Equal("Added b", await next);
        Assert.Equal(1, reflector.ListCount);
    }

    [Fact]
    public async Task Reflector_relists_after_A410_expired_event_and_reports_what_it_missed()
    {
        await using var fake = await FakeApiServer.StartAsync();
        using var client = fake.CreateClient();

        await RelistsAfterGoneAsync(fake, client);
    }

    [Fact]
    public async Task Reflector_relists_after_an_http410_answer_too()
    {
        await using var fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { ExpiredWatchAsHttpError = true });
        using var client = fake.CreateClient();

        await RelistsAfterGoneAsync(fake, client);
    }

    private static async Task RelistsAfterGoneAsync(FakeApiServer fake, IKubernetes client)
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name), Ns);
        }

        var reflector = new Reflector<IKubernetesObject<V1ObjectMeta>>(ChildKind.ConfigMap.ListWatch(client, Ns, null));
        var ct = Guard();
        await using var events = reflector.RunAsync(ct).GetAsyncEnumerator(ct);
        for (var i = 0; i < 3; i++)
        {
            await NextAsync(events);
        }

        var first = NextAsync(events);
        await fake.WaitForWatchesAsync(1, ct);
        fake.SuspendWatches();
        await client.CoreV1.DeleteNamespacedConfigMapAsync("b", Ns);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), "c", Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("d"), Ns);
        fake.CompactHistory();
        fake.ResumeWatches();

        var missed = new[] { await first, await NextAsync(events), await NextAsync(events) };
        Assert.Equal(["Added d", "Deleted b", "Modified c"], missed.Order());
        Assert.Equal(2, reflector.ListCount);

        var last = NextAsync(events);
        await fake.WaitForWatchesAsync(1, ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("e"), Ns);
        Assert.Equal("Added e", await last);
    }

    /// <summary>A guard so a broken test fails instead of hanging; never an assertion about speed.</summary>
    private static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };

    private static async Task<string> NextAsync(IAsyncEnumerator<(WatchEventType Type, IKubernetesObject<V1ObjectMeta> Object)> events)
    {
        Assert.True(await events.MoveNextAsync(), "the reflector stopped");
        return $"{events.Current.Type} {events.Current.Object.Metadata.Name}";
    }
}
