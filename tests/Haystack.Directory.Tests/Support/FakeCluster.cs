using System.Net;
using Haystack.Directory.Kubernetes;
using Haystack.Kubernetes.Fake;
using Haystack.Protocol;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Tests.Support;

/// <summary>
/// A HaystackCluster on the in-process fake API server with real store processes as its store pods: each store's
/// pod DNS name (<c>photos-store-N.photos-store.haystack.svc</c>) is mapped to its 127.0.0.1 port through
/// <see cref="PodEndpoints"/>, so directories see the URLs they would see in a cluster. Tests write the Volume
/// resources the operator would write.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public const string Name = "photos";
    public const string Namespace = "haystack";

    private FakeCluster(FakeApiServer api, StoreGroup stores)
    {
        Api = api;
        Stores = stores;
        Client = api.CreateClient();
        Endpoints = new PodEndpoints(Enumerable.Range(0, stores.All.Length).ToDictionary(
            i => StoreUrl(i).Host, i => new DnsEndPoint(stores[i].Url.Host, stores[i].Url.Port)));
    }

    public FakeApiServer Api { get; }

    public StoreGroup Stores { get; }

    public IKubernetes Client { get; }

    public PodEndpoints Endpoints { get; }

    public static KubernetesTableOptions TableOptions { get; } = new(Name, Namespace);

    /// <summary>The fake with the CRDs' resources, the HaystackCluster, and <paramref name="storeCount"/> stores each holding <paramref name="volumes"/>.</summary>
    public static async Task<FakeCluster> StartAsync(int storeCount, params uint[] volumes)
    {
        var api = await FakeApiServer.StartAsync();
        api.RegisterCustomResource(VolumeResource.Group, VolumeResource.Version, "haystackclusters", "HaystackCluster", namespaced: true, hasStatus: true);
        api.RegisterCustomResource(VolumeResource.Group, VolumeResource.Version, VolumeResource.Plural, "Volume", namespaced: true, hasStatus: true);
        var cluster = new FakeCluster(api, await StoreGroup.StartAsync(storeCount, _ => volumes));
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new { apiVersion = "haystack.io/v1alpha1", kind = "HaystackCluster", metadata = new { name = Name, @namespace = Namespace }, spec = new { } },
            VolumeResource.Group, VolumeResource.Version, Namespace, "haystackclusters");
        return cluster;
    }

    public static string StorePod(int index) => $"{Name}-store-{index}";

    public static Uri StoreUrl(int index) => PodEndpoints.StorePod(Name, Namespace, StorePod(index), TableOptions.StorePort);

    /// <summary>Creates a Volume placed on the given store pods, in <paramref name="phase"/>, as the operator would.</summary>
    public async Task<VolumeResource> CreateVolumeAsync(uint id, string? phase, params int[] stores)
    {
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync<VolumeResource>(new VolumeResource
        {
            Metadata = new V1ObjectMeta { Name = $"{Name}-{id}", NamespaceProperty = Namespace },
            Spec = new VolumeResourceSpec { ClusterName = Name, Id = id, Replicas = stores.Length, SizeLimitBytes = 16L << 20 },
        }, VolumeResource.Group, VolumeResource.Version, Namespace, VolumeResource.Plural);
        return await SetStatusAsync(created, phase, stores);
    }

    /// <summary>Writes a Volume's status (phase and placements) as the operator would.</summary>
    public async Task<VolumeResource> SetStatusAsync(VolumeResource volume, string? phase, params int[] stores)
    {
        var fresh = await ReadVolumeAsync((uint)volume.Spec.Id);
        fresh.Status = new VolumeResourceStatus
        {
            Phase = phase,
            Placements = [.. stores.Select(i => new VolumeResourcePlacement { Pod = StorePod(i), State = "Healthy" })],
        };
        return await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<VolumeResource>(
            fresh, VolumeResource.Group, VolumeResource.Version, Namespace, VolumeResource.Plural, fresh.Metadata.Name);
    }

    public Task<VolumeResource> ReadVolumeAsync(uint id) => Client.CustomObjects.GetNamespacedCustomObjectAsync<VolumeResource>(
        VolumeResource.Group, VolumeResource.Version, Namespace, VolumeResource.Plural, $"{Name}-{id}");

    /// <summary>Starts a directory on the cluster's Volumes, as <c>haystack directory --kubernetes</c> would run in a pod.</summary>
    public Task<TestDirectory> StartDirectoryAsync(IKubernetes? client = null) => TestDirectory.StartAsync(
        Stores.All,
        options => options with
        {
            Kubernetes = TableOptions,
            Endpoints = Endpoints,
            Stores = [.. Enumerable.Range(0, Stores.All.Length).Select(StoreUrl)],
        },
        storage: loggers => DirectoryStorage.Kubernetes(client ?? Client, TableOptions, loggers));

    /// <summary>Waits until <paramref name="condition"/> holds, failing the test after a few seconds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting until {what}");
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Stores.DisposeAsync();
        await Api.DisposeAsync();
    }
}
