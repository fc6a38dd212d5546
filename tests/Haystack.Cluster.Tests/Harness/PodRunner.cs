using System.Text;
using Haystack.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The cluster's controllers, scheduler, kubelets and kube-proxy for one namespace, as a loop every 100 ms over what
/// the API server holds: StatefulSets and Deployments get their pods (<see cref="StatefulSetController"/>,
/// <see cref="DeploymentController"/>), pods a node (<see cref="PodScheduler"/>) and a kubelet running their
/// container as a real process (<see cref="PodKubelet"/>), claims a folder (<see cref="ClaimFolders"/>), Secret volumes
/// their files (<see cref="SecretFiles"/>), ClusterIP
/// Services a proxy (<see cref="ServiceProxy"/>). Pods the API server no longer holds are stopped.
/// </summary>
internal sealed class PodRunner : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestGrace = TimeSpan.FromSeconds(10);
    private readonly IKubernetes _client;
    private readonly HostMap _hosts;
    private readonly IReadOnlyDictionary<string, string> _machine;
    private readonly ClaimFolders _claims;
    private readonly SecretFiles _secrets;
    private readonly ServiceProxies _proxies;
    private readonly Dictionary<string, PodKubelet> _kubelets = [];
    private readonly Dictionary<string, int> _podPorts = [];
    private readonly Dictionary<string, string> _writtenStatus = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private List<V1Node> _nodes = [];
    private List<V1Pod> _scheduled = [];

    public PodRunner(IKubernetes client, HostMap hosts, IReadOnlyDictionary<string, string> machine, string claimRoot, string secretRoot)
    {
        _client = client;
        _hosts = hosts;
        _machine = machine;
        _claims = new ClaimFolders(client, claimRoot);
        _secrets = new SecretFiles(client, secretRoot);
        _proxies = new ServiceProxies(client, hosts, () => Kubelets);
        _loop = Task.Run(RunAsync);
    }

    private string Namespace => _hosts.Namespace;

    /// <summary>The last error of a round (the loop goes on); shown in <see cref="Describe"/>.</summary>
    public Exception? LastError { get; private set; }

    public IReadOnlyList<PodKubelet> Kubelets
    {
        get
        {
            lock (_kubelets)
            {
                return [.. _kubelets.Values];
            }
        }
    }

    /// <summary>The kubelet of a running pod, or null.</summary>
    public PodKubelet? Kubelet(string pod)
    {
        lock (_kubelets)
        {
            return _kubelets.GetValueOrDefault(pod);
        }
    }

    public bool IsReady(V1Pod pod) => Kubelet(pod.Metadata.Name) is { Ready: true } kubelet && kubelet.Pod.Metadata.Uid == pod.Metadata.Uid;

    /// <summary>Every pod with its node, readiness, restarts and the tail of its output: for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var kubelet in Kubelets)
        {
            var output = kubelet.Output;
            text.AppendLine($"--- {kubelet.Name} on {kubelet.Pod.Spec.NodeName}, port {kubelet.HttpPort}, ready {kubelet.Ready}, restarts {kubelet.Restarts}")
                .AppendLine(output[Math.Max(0, output.Length - 3000)..]);
        }
        return LastError is null ? text.ToString() : text.AppendLine($"--- last pod runner error: {LastError}").ToString();
    }

    internal Task EnsureClaimAsync(V1PersistentVolumeClaim claim, CancellationToken cancellationToken) => _claims.EnsureAsync(claim, cancellationToken);

    /// <summary>Schedules <paramref name="pod"/> and creates it; one that fits no node is created Pending, and tried again each round.</summary>
    internal async Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        pod.Spec.NodeName = PodScheduler.Choose(pod, _nodes, Placed());
        var created = await _client.CoreV1.CreateNamespacedPodAsync(pod, Namespace, cancellationToken: cancellationToken);
        if (created.Spec.NodeName is null)
        {
            await PatchPodStatusAsync(created, PodStatuses.Unschedulable("0 nodes are available: the pod's required anti-affinity rules leave none."), cancellationToken);
        }
        else
        {
            _scheduled.Add(created);
        }
        return created;
    }

    /// <summary>Stops the pod's process (SIGTERM, its grace period) and deletes the Pod object.</summary>
    internal async Task DeletePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        await StopKubeletAsync(pod.Metadata.Name, pod.Spec.TerminationGracePeriodSeconds);
        try
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Already gone.
        }
        _scheduled.RemoveAll(placed => placed.Metadata.Uid == pod.Metadata.Uid);
    }

    /// <summary>Writes a workload's status subresource when it differs from the last one written.</summary>
    internal async Task WriteWorkloadStatusAsync(IKubernetesObject<V1ObjectMeta> workload, object status, CancellationToken cancellationToken)
    {
        var json = KubernetesJson.Serialize(new { status });
        if (_writtenStatus.GetValueOrDefault(workload.Metadata.Uid) == json)
        {
            return;
        }
        var patch = new V1Patch(json, V1Patch.PatchType.MergePatch);
        _ = workload is V1StatefulSet
            ? (object)await _client.AppsV1.PatchNamespacedStatefulSetStatusAsync(patch, workload.Metadata.Name, Namespace, cancellationToken: cancellationToken)
            : await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(patch, workload.Metadata.Name, Namespace, cancellationToken: cancellationToken);
        _writtenStatus[workload.Metadata.Uid] = json;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await Task.WhenAll(Kubelets.Select(kubelet => kubelet.DisposeAsync().AsTask()));
        await _proxies.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(_stopping.Token);
            }
            catch (Exception error) when (!_stopping.IsCancellationRequested)
            {
                LastError = error;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await Task.Delay(Period, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        _nodes = [.. (await _client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items];
        var pods = (await _client.CoreV1.ListNamespacedPodAsync(Namespace, cancellationToken: cancellationToken)).Items.ToList();
        foreach (var kubelet in Kubelets.Where(kubelet => !pods.Any(pod => pod.Metadata.Uid == kubelet.Pod.Metadata.Uid && !WorkloadPods.IsTerminating(pod))))
        {
            await StopKubeletAsync(kubelet.Name, kubelet.Pod.Spec.TerminationGracePeriodSeconds);
        }
        _scheduled = [.. pods.Where(pod => pod.Spec.NodeName is not null && !WorkloadPods.IsTerminating(pod))];
        var claims = (await _client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(Namespace, cancellationToken: cancellationToken)).Items.ToList();
        await _claims.CollectAsync(claims, Kubelets.SelectMany(kubelet => ClaimNames(kubelet.Pod)).ToHashSet(), cancellationToken);

        foreach (var set in (await _client.AppsV1.ListNamespacedStatefulSetAsync(Namespace, cancellationToken: cancellationToken)).Items)
        {
            await StatefulSetController.ReconcileAsync(this, set, pods, cancellationToken);
        }
        foreach (var deployment in (await _client.AppsV1.ListNamespacedDeploymentAsync(Namespace, cancellationToken: cancellationToken)).Items)
        {
            await DeploymentController.ReconcileAsync(this, deployment, pods, cancellationToken);
        }

        pods = [.. (await _client.CoreV1.ListNamespacedPodAsync(Namespace, cancellationToken: cancellationToken)).Items];
        claims = [.. (await _client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(Namespace, cancellationToken: cancellationToken)).Items];
        foreach (var pod in pods.Where(pod => !WorkloadPods.IsTerminating(pod) && Kubelet(pod.Metadata.Name) is null))
        {
            await StartAsync(pod, claims, cancellationToken);
        }
        await _proxies.UpdateAsync(cancellationToken);
    }

    private async Task StartAsync(V1Pod pod, IReadOnlyList<V1PersistentVolumeClaim> claims, CancellationToken cancellationToken)
    {
        if (pod.Spec.NodeName is null)
        {
            if (PodScheduler.Choose(pod, _nodes, Placed()) is not { } node)
            {
                return;
            }
            var binding = new V1Patch(KubernetesJson.Serialize(new { spec = new { nodeName = node } }), V1Patch.PatchType.MergePatch);
            pod = await _client.CoreV1.PatchNamespacedPodAsync(binding, pod.Metadata.Name, Namespace, cancellationToken: cancellationToken);
            _scheduled.Add(pod);
        }
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in pod.Spec.Containers[0].VolumeMounts ?? [])
        {
            var volume = pod.Spec.Volumes?.FirstOrDefault(volume => volume.Name == mount.Name);
            if (volume?.Secret is { } secret)
            {
                if (await _secrets.WriteAsync(pod, mount.Name, secret, cancellationToken) is not { } folder)
                {
                    return;
                }
                mounts[mount.MountPath] = folder;
            }
            if (volume?.PersistentVolumeClaim is { } source)
            {
                // A pod waits for its claim (a terminating claim is not used again; the StatefulSet controller recreates it once gone).
                if (claims.FirstOrDefault(claim => claim.Metadata.Name == source.ClaimName) is not { Metadata.DeletionTimestamp: null } claim)
                {
                    return;
                }
                mounts[mount.MountPath] = _claims.FolderOf(claim);
            }
        }
        var launch = new PodLaunch(pod, HostPorts(pod), mounts, _machine);
        lock (_kubelets)
        {
            _kubelets[pod.Metadata.Name] = PodKubelet.Start(_client, launch);
        }
    }

    /// <summary>The first container port is the one behind the pod's DNS name; each port stays the pod name's across restarts.</summary>
    private Dictionary<int, int> HostPorts(V1Pod pod)
    {
        var ports = new Dictionary<int, int>();
        var dnsPort = pod.Spec.Subdomain is { } subdomain ? _hosts.PortOf(_hosts.PodHost(pod.Spec.Hostname ?? pod.Metadata.Name, subdomain)) : null;
        foreach (var (port, index) in (pod.Spec.Containers[0].Ports ?? []).Select((port, index) => (port, index)))
        {
            var key = $"{pod.Metadata.Name}:{port.ContainerPort}";
            if (!_podPorts.TryGetValue(key, out var hostPort))
            {
                hostPort = index == 0 && dnsPort is { } reserved ? reserved : FreePorts.Next();
                _podPorts[key] = hostPort;
            }
            ports[port.ContainerPort] = hostPort;
        }
        return ports;
    }

    private async Task StopKubeletAsync(string pod, long? graceSeconds)
    {
        PodKubelet? kubelet;
        lock (_kubelets)
        {
            if (_kubelets.Remove(pod, out kubelet) is false)
            {
                return;
            }
        }
        var grace = TimeSpan.FromSeconds(graceSeconds ?? 30);
        await kubelet.StopAsync(grace < LongestGrace ? grace : LongestGrace);
        await kubelet.DisposeAsync();
    }

    private List<(IDictionary<string, string> Labels, string Node)> Placed() =>
        [.. _scheduled.Select(pod => (pod.Metadata.Labels ?? new Dictionary<string, string>(), pod.Spec.NodeName))];

    private static IEnumerable<string> ClaimNames(V1Pod pod) =>
        (pod.Spec.Volumes ?? []).Where(volume => volume.PersistentVolumeClaim is not null).Select(volume => volume.PersistentVolumeClaim.ClaimName);

    private Task PatchPodStatusAsync(V1Pod pod, V1PodStatus status, CancellationToken cancellationToken) => _client.CoreV1.PatchNamespacedPodStatusAsync(
        new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch), pod.Metadata.Name, Namespace, cancellationToken: cancellationToken);
}
