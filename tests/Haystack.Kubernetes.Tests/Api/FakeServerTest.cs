using Haystack.Kubernetes.Fake;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Api;

/// <summary>A fresh fake API server and a real client over HTTP for every test.</summary>
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

    protected static V1ConfigMap ConfigMap(string name, IDictionary<string, string>? labels = null, IDictionary<string, string>? data = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns, Labels = labels },
        Data = data ?? new Dictionary<string, string> { ["key"] = "value" },
    };

    protected static V1StatefulSet StatefulSet(string name, int replicas = 1) => new()
    {
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
