using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

/// <summary>A fresh fake API server and the real KubernetesClient over HTTP for every test.</summary>
public abstract class FakeServerTest : IAsyncLifetime
{
    protected const string Ns = "haystack";

    protected FakeApiServer Fake { get; private set; } = null!;

    protected IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeApiServer.StartAsync(Options);
        Client = Fake.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Fake.DisposeAsync();
    }

    protected virtual FakeApiServerOptions Options => new();

    /// <summary>A guard so a broken test fails instead of hanging; never an assertion about speed.</summary>
    protected static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    /// <summary>The metav1 Status the server answered with.</summary>
    protected static V1Status StatusOf(HttpOperationException error) => KubernetesJson.Deserialize<V1Status>(error.Response.Content);

    /// <summary>A read that answers null for 404, as a caller checking existence would.</summary>
    protected static async Task<T?> OrNullAsync<T>(Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Server-side apply of a StatefulSet through the typed call, as the operator applies its children.</summary>
    protected Task<V1StatefulSet> ApplyAsync(V1StatefulSet set, string fieldManager, bool force = false) =>
        Client.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch(set, V1Patch.PatchType.ApplyPatch), set.Metadata.Name, set.Metadata.NamespaceProperty, fieldManager: fieldManager, force: force);

    /// <summary>A request no typed call makes, and the Status the server answered with.</summary>
    protected async Task<(HttpStatusCode Code, V1Status Status)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var http = new HttpClient { BaseAddress = Fake.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync()));
    }

    protected static V1ConfigMap ConfigMap(string name, IDictionary<string, string>? labels = null, IDictionary<string, string>? data = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns, Labels = labels },
        Data = data ?? new Dictionary<string, string> { ["key"] = "value" },
    };

    protected static V1StatefulSet StatefulSet(string name, int replicas = 1) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "store", Image = "haystack:1" }] },
            },
        },
    };
}
