using System.Net;
using Haystack.Hosting;
using Haystack.Operator.Builders;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Reconciliation.Steps;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Volumes;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Store;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Tests.Volumes;

/// <summary>
/// The cluster "photos" on the fake API server with real store servers (in process, on 127.0.0.1) as its store
/// pods. The test plays the scheduler and the StatefulSet controller: it creates the Nodes (hostname and zone
/// labels, Ready), the store Pods (scheduled, Ready) and their claims; the store pods' DNS names lead to the servers
/// through a <see cref="PodEndpoints"/> host map, as HAYSTACK_HOST_MAP does for a real operator process.
/// </summary>
internal sealed class StorePodFleet : IAsyncDisposable
{
    public const string Namespace = "haystack";

    private readonly List<(StoreServer Server, string Directory)> _stores = [];
    private readonly HashSet<int> _stopped = [];

    private StorePodFleet(OperatorFixture api)
    {
        Api = api;
    }

    public OperatorFixture Api { get; }

    public IKubernetes Client => Api.Client;

    public StoreCalls Calls { get; private set; } = null!;

    public HaystackClusterReconciler Reconciler { get; private set; } = null!;

    /// <summary>Where store <paramref name="ordinal"/> really listens, for writing to it as a directory would.</summary>
    public Uri StoreAddress(int ordinal) => _stores[ordinal].Server.HttpAddress;

    /// <summary>Stops the store process of pod <paramref name="ordinal"/>; its pod stays Ready, as when the process hangs.</summary>
    public async Task StopStoreAsync(int ordinal)
    {
        if (_stopped.Add(ordinal))
        {
            await _stores[ordinal].Server.DisposeAsync();
        }
    }

    /// <param name="nodes">The node of each store pod, in ordinal order; a pod whose node is null is not scheduled.</param>
    /// <param name="zones">The zone label of each node by name; nodes not in it have none.</param>
    /// <param name="volumeSizeLimitBytes">The stores' --volume-size-bytes, which the operator passes from spec.volume.sizeLimitBytes.</param>
    /// <param name="storeKeys">The keys the stores accept, as the cluster's Secret gives them to the pods; none by default.</param>
    /// <param name="generatedKey">Reconcile once before the stores start and give them the key the operator generated.</param>
    /// <param name="storeTls">The certificate the stores serve and the CA they trust for their peers, as spec.tls gives them to the pods; plain HTTP by default.</param>
    public static async Task<StorePodFleet> StartAsync(
        string?[] nodes, IReadOnlyDictionary<string, string>? zones = null, long volumeSizeLimitBytes = 64L << 20, Action<Entities.V1Alpha1HaystackCluster>? edit = null,
        AccessKeys? storeKeys = null, bool generatedKey = false, (ServerTls Certificate, TrustedAuthority Ca)? storeTls = null)
    {
        var fleet = new StorePodFleet(await OperatorFixture.StartAsync());
        await fleet.Api.CreateClusterAsync(cluster =>
        {
            cluster.Spec.Store.Replicas = nodes.Length;
            cluster.Spec.Volume.Replicas = Math.Min(3, nodes.Length);
            cluster.Spec.Volume.SizeLimitBytes = volumeSizeLimitBytes;
            edit?.Invoke(cluster);
        });
        if (generatedKey)
        {
            await fleet.Api.ReconcileAsync();
            var secret = await fleet.Client.CoreV1.ReadNamespacedSecretAsync("photos-auth", Namespace);
            storeKeys = new AccessKeys(System.Text.Encoding.ASCII.GetString(secret.Data["token"]));
        }
        foreach (var node in nodes.OfType<string>().Distinct())
        {
            var labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node };
            if (zones?.GetValueOrDefault(node) is { } zone)
            {
                labels["topology.kubernetes.io/zone"] = zone;
            }
            var created = await fleet.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = node, Labels = labels } });
            created.Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastTransitionTime = DateTime.UtcNow }] };
            await fleet.Client.CoreV1.ReplaceNodeStatusAsync(created, node);
        }
        var hostMap = new Dictionary<string, DnsEndPoint>();
        for (var i = 0; i < nodes.Length; i++)
        {
            var store = await fleet.StartStoreAsync(volumeSizeLimitBytes, storeKeys ?? AccessKeys.None, storeTls);
            hostMap[PodUrl(i).Host] = new DnsEndPoint(store.HttpAddress.Host, store.HttpAddress.Port);
            await fleet.CreatePodAsync(i, nodes[i]);
        }
        fleet.Calls = new StoreCalls(new PodEndpoints(hostMap));
        fleet.Reconciler = new HaystackClusterReconciler(fleet.Client, TimeProvider.System, fleet.Api.Loggers) { Stores = fleet.Calls };
        return fleet;
    }

    /// <summary>Runs the fleet and volume steps alone on a fresh context, to see what they left for the cluster's status.</summary>
    public async Task<ReconcileContext> RunVolumeStepsAsync()
    {
        var cluster = await Api.GetClusterAsync();
        var context = new ReconcileContext(cluster, Client, new ChildApplier(Client), new EventRecorder(Client, TimeProvider.System, Api.Loggers.CreateLogger<EventRecorder>()))
        {
            Stores = Calls,
        };
        foreach (var step in ReconcileSteps.All.Where(s => s is ObserveFleetStep or ReadOnlyVolumesStep or WritableVolumesStep))
        {
            await step.RunAsync(context, CancellationToken.None);
        }
        return context;
    }

    public static string PodName(int ordinal) => $"photos-store-{ordinal}";

    public static Uri PodUrl(int ordinal) => PodEndpoints.StorePod("photos", Namespace, PodName(ordinal), HaystackPorts.Http);

    public Task<ReconcileResult> ReconcileAsync() => Reconciler.ReconcileAsync(Namespace, "photos", CancellationToken.None);

    public Task<List<Entities.V1Alpha1HaystackVolume>> VolumesAsync() =>
        ClusterVolumes.ListAsync(Client, new Entities.V1Alpha1HaystackCluster { Metadata = new V1ObjectMeta { Name = "photos", NamespaceProperty = Namespace } }, CancellationToken.None);

    /// <summary>The messages of the cluster's Events with <paramref name="reason"/>, oldest first.</summary>
    public async Task<string[]> EventMessagesAsync(string reason) =>
        [.. (await Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.Reason == reason).OrderBy(e => e.Metadata.Name, StringComparer.Ordinal).Select(e => e.Message)];

    /// <summary>The ids of the physical volumes store <paramref name="ordinal"/> holds.</summary>
    public async Task<uint[]> PhysicalVolumesAsync(int ordinal) =>
        [.. (await Calls.ReportAsync(PodUrl(ordinal), CancellationToken.None)).Volumes.Select(v => v.VolumeId)];

    /// <summary>The same over https, trusting the ca.crt of <paramref name="tlsSecret"/> as the operator does with spec.tls.</summary>
    public async Task<uint[]> PhysicalVolumesOverHttpsAsync(int ordinal, IReadOnlyDictionary<string, byte[]> tlsSecret)
    {
        var calls = Calls.WithTls(System.Text.Encoding.UTF8.GetString(tlsSecret["ca.crt"]), "the test's ca.crt");
        return [.. (await calls.ReportAsync(PodUrl(ordinal), CancellationToken.None)).Volumes.Select(v => v.VolumeId)];
    }

    /// <summary>Sets the store pod's Ready condition, as the kubelet would: a ready pod's container runs, one that is not ready waits to restart.</summary>
    public async Task SetReadyAsync(int ordinal, bool ready)
    {
        var pod = await Client.CoreV1.ReadNamespacedPodAsync(PodName(ordinal), Namespace);
        var state = ready
            ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } }
            : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } };
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            ContainerStatuses = [new V1ContainerStatus { Name = "store", Image = "haystack", ImageID = "", Ready = ready, RestartCount = 0, State = state }],
        };
        await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, PodName(ordinal), Namespace);
    }

    public async ValueTask DisposeAsync()
    {
        Calls?.Dispose();
        for (var i = 0; i < _stores.Count; i++)
        {
            await StopStoreAsync(i);
            System.IO.Directory.Delete(_stores[i].Directory, recursive: true);
        }
        await Api.DisposeAsync();
    }

    private async Task<StoreServer> StartStoreAsync(long volumeSizeLimitBytes, AccessKeys keys, (ServerTls Certificate, TrustedAuthority Ca)? tls)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("haystack-operator-store-").FullName;
        var server = StoreServer.Create(new StoreOptions
        {
            DataDirectory = directory,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Keys = keys,
            Tls = tls?.Certificate,
            TrustedCa = tls?.Ca,
            Volume = new VolumeOptions { MaxNeedleDataBytes = 1 << 20, SizeLimitBytes = volumeSizeLimitBytes, PreallocationStepBytes = 0 },
        }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        _stores.Add((server, directory));
        await server.StartAsync(CancellationToken.None);
        await server.Loaded;
        return server;
    }

    private async Task CreatePodAsync(int ordinal, string? node)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "haystack",
            ["app.kubernetes.io/instance"] = "photos",
            ["app.kubernetes.io/component"] = "store",
        };
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = $"data-{PodName(ordinal)}", Labels = labels },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] },
        }, Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = PodName(ordinal), Labels = labels },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Containers = [new V1Container { Name = "store", Image = "haystack" }],
                Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = $"data-{PodName(ordinal)}" } }],
            },
        }, Namespace);
        await SetReadyAsync(ordinal, node is not null);
    }
}
