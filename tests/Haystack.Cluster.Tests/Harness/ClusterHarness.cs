using Haystack.Cache;
using Haystack.Client;
using Haystack.Kubernetes.Fake;
using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Protocol;
using Haystack.Testing;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// A Kubernetes cluster on this machine for end-to-end scenarios: the fake API server with the CRDs from
/// <c>crds/</c>, Nodes with hostname and zone labels, the operator as a real <c>haystack operator run</c> process,
/// and the <see cref="PodRunner"/> running a real process for every pod the operator's workloads declare. Everything
/// reaches everything by its cluster DNS name through one <see cref="HostMap"/>.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const string Namespace = "haystack";
    public const string Name = "photos";

    /// <summary>Pods of a StatefulSet that have a DNS name (the host map is fixed before the first process starts).</summary>
    private const int Ordinals = 6;

    private readonly FakeApiServer _api;
    private readonly string _root;
    private readonly ContainerProcess _operator;
    private readonly SocketsHttpHandler _connections;
    private readonly HttpClient _http;
    private HaystackClient? _photos;
    private readonly HttpClient _cdnHttp;

    private ClusterHarness(FakeApiServer api, string root, HostMap hosts, Dictionary<string, string> machine, ContainerProcess @operator)
    {
        _api = api;
        _root = root;
        _operator = @operator;
        Hosts = hosts;
        Machine = machine;
        Client = api.CreateClient();
        Pods = new PodRunner(Client, hosts, machine, Path.Combine(root, "claims"), Path.Combine(root, "secrets"));
        _connections = hosts.Endpoints.CreateHandler(TimeSpan.FromSeconds(2));
        _http = new HttpClient(_connections, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _cdnHttp = new HttpClient(_connections, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _cdnHttp.DefaultRequestHeaders.Add(CacheOptions.DefaultCdnHeader, "1");
        // Reads are public (the cookie guards them): the cache clients need no key.
        CachedPhotos = new HaystackClient(_http, new HaystackClientOptions { DirectoryUrl = DirectoryUrl, CacheUrl = CacheUrl, MaxRetries = 5 });
        CdnPhotos = new HaystackClient(_cdnHttp, new HaystackClientOptions { DirectoryUrl = DirectoryUrl, CacheUrl = CacheUrl, MaxRetries = 5 });
    }

    public IKubernetes Client { get; }

    public PodRunner Pods { get; }

    internal HostMap Hosts { get; }

    /// <summary>The environment every process of the cluster gets: the kubeconfig and the host map.</summary>
    internal IReadOnlyDictionary<string, string> Machine { get; }

    /// <summary>The directory Service, as applications in the cluster reach it.</summary>
    public static Uri DirectoryUrl { get; } = new($"http://{Name}-directory.{Namespace}.svc:8080");

    /// <summary>
    /// Uploads, reads and deletes through the directory Service, and reads from the replicas it names, presenting the
    /// cluster's key as an application would: read from the Secret of the cluster's effective auth.
    /// </summary>
    public HaystackClient Photos => _photos ?? throw new InvalidOperationException("StartAsync reads the cluster's key before Photos is used");

    /// <summary>A client like <see cref="Photos"/> presenting <paramref name="key"/> (null: none).</summary>
    public HaystackClient PhotosClient(string? key) =>
        new(_http, new HaystackClientOptions { DirectoryUrl = DirectoryUrl, MaxRetries = 5, Key = key });

    /// <summary>The cache Service (headless: its name stands for the ready cache pods), as applications in the cluster reach it.</summary>
    public static Uri CacheUrl { get; } = new($"http://{Name}-cache.{Namespace}.svc:8080");

    /// <summary>As <see cref="Photos"/>, reading through the cache Service (the cluster needs cache pods).</summary>
    public HaystackClient CachedPhotos { get; }

    /// <summary>As <see cref="CachedPhotos"/>, reading as a CDN does: the cache keeps nothing, so every read is its own store read.</summary>
    public HaystackClient CdnPhotos { get; }

    /// <summary>The HTTP client that resolves the cluster's DNS names, for calls the <see cref="Photos"/> client has no verb for.</summary>
    public HttpClient Http => _http;

    /// <summary>A client that resolves the cluster's DNS names and accepts only servers whose certificate chains to <paramref name="authority"/>.</summary>
    public HttpClient HttpsClient(Haystack.Protocol.TrustedAuthority authority)
    {
        var handler = Hosts.Endpoints.CreateHandler(TimeSpan.FromSeconds(2));
        authority.Apply(handler);
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Every host name the cluster's processes dial, for a certificate that serves them all (spec.tls).</summary>
    public static IReadOnlyList<string> ServedHostNames { get; } =
    [
        $"{Name}-directory.{Namespace}.svc",
        $"{Name}-store.{Namespace}.svc",
        $"*.{Name}-store.{Namespace}.svc",
        $"{Name}-cache.{Namespace}.svc",
        $"*.{Name}-cache.{Namespace}.svc",
    ];

    /// <summary>Starts the API server, the Nodes, the operator and the pod runner, then applies a HaystackCluster with <paramref name="spec"/>.</summary>
    /// <param name="secrets">Secrets in the namespace before the cluster is applied (the TLS Secret cert-manager would have written).</param>
    public static async Task<ClusterHarness> StartAsync(HaystackClusterSpec spec, int nodes = 3, int zones = 3, IReadOnlyList<V1Secret>? secrets = null)
    {
        var api = await FakeApiServer.StartAsync();
        var root = System.IO.Directory.CreateTempSubdirectory("haystack-cluster-").FullName;
        using (var setup = api.CreateClient())
        {
            foreach (var file in System.IO.Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml"))
            {
                await setup.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file)));
            }
            await setup.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
            await ClusterNodes.CreateAsync(setup, nodes, zones);
            foreach (var secret in secrets ?? [])
            {
                await setup.CoreV1.CreateNamespacedSecretAsync(secret, Namespace);
            }
        }
        var hosts = new HostMap(Namespace, [$"{Name}-directory", $"{Name}-store", $"{Name}-cache"], new Dictionary<string, int>
        {
            [$"{Name}-store"] = Ordinals,
            [$"{Name}-cache"] = Ordinals,
        });
        var machine = new Dictionary<string, string>
        {
            ["KUBECONFIG"] = api.WriteKubeconfig(Path.Combine(root, "kubeconfig"), Namespace),
            [PodEndpoints.HostMapVariable] = hosts.Variable,
        };
        // As config/operator/deployment.yaml runs it, with the operator pod's downward-API variables.
        var @operator = ContainerProcess.Start(
            ["operator", "run", "--leader-elect=true", $"--http-port={FreePorts.Next()}", "--log-format=text", "--namespace", Namespace],
            new Dictionary<string, string>(machine) { ["POD_NAME"] = "haystack-operator-0", ["POD_NAMESPACE"] = Namespace });
        var harness = new ClusterHarness(api, root, hosts, machine, @operator);
        var cluster = new V1Alpha1HaystackCluster { Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace }, Spec = spec };
        await harness.Client.CustomObjects.CreateNamespacedCustomObjectAsync(cluster, HaystackApi.Group, HaystackApi.Version, Namespace, "haystackclusters");
        harness._photos = harness.PhotosClient(await harness.ReadKeyAsync(ClusterAuth.Effective(cluster)));
        return harness;
    }

    /// <summary>The cluster's write key from <paramref name="auth"/>'s Secret, once it exists (the operator generates it without spec.auth).</summary>
    public async Task<string> ReadKeyAsync(AuthSpec auth)
    {
        byte[]? key = null;
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedSecretAsync(auth.SecretName, Namespace)).Data?.TryGetValue(auth.Key, out key) == true,
            $"Secret {auth.SecretName} holds key {auth.Key}");
        return System.Text.Encoding.UTF8.GetString(key!).Trim();
    }

    /// <summary>What a test cluster needs: three stores holding three replicas of 64 MiB volumes, two directories, no cache (see <see cref="WithCache"/>).</summary>
    public static HaystackClusterSpec SmallSpec() => new()
    {
        Image = "ghcr.io/haystack/haystack:test",
        Store = new StoreSpec { Replicas = 3, StorageClassName = "local-xfs", StorageSize = "1Gi" },
        Volume = new LogicalVolumeSpec { SizeLimitBytes = LogicalVolumeSpec.MinimumSizeLimitBytes, Replicas = 3 },
        Directory = new DirectorySpec { Replicas = 2 },
        Cache = new CacheSpec { Replicas = 0, SizeBytes = 16L << 20 },
    };

    /// <summary><see cref="SmallSpec"/> with two cache pods, so reads through the cache Service are forwarded between them.</summary>
    public static HaystackClusterSpec WithCache(HaystackClusterSpec spec)
    {
        spec.Cache.Replicas = 2;
        return spec;
    }

    public Task<V1Alpha1HaystackCluster> ReadClusterAsync() => Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1HaystackCluster>(
        HaystackApi.Group, HaystackApi.Version, Namespace, "haystackclusters", Name);

    /// <summary>Changes the cluster's spec as a user would by applying an edited manifest.</summary>
    public async Task UpdateSpecAsync(Action<HaystackClusterSpec> change)
    {
        var cluster = await ReadClusterAsync();
        change(cluster.Spec);
        await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(cluster, HaystackApi.Group, HaystackApi.Version, Namespace, "haystackclusters", Name);
    }

    public async Task<IList<V1Alpha1HaystackVolume>> ListVolumesAsync() =>
        (await Client.ListAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, Namespace)).Items;

    /// <summary>Events with <paramref name="reason"/> in the cluster's namespace (each step of a rebuild records one).</summary>
    public async Task<int> EventCountAsync(string reason) =>
        (await Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.Reason == reason).Sum(e => Math.Max(1, e.Count ?? 1));

    /// <summary>Waits until the HaystackCluster's Ready condition is True: the operator says an upload can succeed.</summary>
    public async Task WaitForReadyAsync()
    {
        V1Alpha1HaystackCluster? last = null;
        await EventuallyAsync(async () => ClusterConditions.IsTrue(last = await ReadClusterAsync(), "Ready"),
            () => $"the HaystackCluster is Ready (conditions: {(last is null ? "none yet" : ClusterConditions.Describe(last))})", TimeSpan.FromSeconds(120));
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with every pod's state and output when it does not within <paramref name="limit"/>.</summary>
    public Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null) => EventuallyAsync(condition, () => what, limit);

    /// <summary>As <see cref="EventuallyAsync(Func{Task{bool}}, string, TimeSpan?)"/>, with the description made when it fails.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or HaystackException or k8s.Autorest.HttpOperationException)
            {
                last = error;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting until {what()}{(last is null ? "" : $" (last error: {last.Message})")}\n{Describe()}");
    }

    /// <summary>The operator's output and every pod's, for failure messages.</summary>
    public string Describe() => $"--- operator\n{Tail(_operator.Output)}\n{Pods.Describe()}";

    public async ValueTask DisposeAsync()
    {
        await _operator.DisposeAsync();
        await Pods.DisposeAsync();
        _http.Dispose();
        _cdnHttp.Dispose();
        _connections.Dispose();
        Client.Dispose();
        await _api.DisposeAsync();
        System.IO.Directory.Delete(_root, recursive: true);
    }

    private static string Tail(string output) => output[Math.Max(0, output.Length - 6000)..];
}
