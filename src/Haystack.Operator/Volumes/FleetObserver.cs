using System.Globalization;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Protocol;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Volumes;

/// <summary>
/// Reads a cluster's store pods into a <see cref="StoreFleet"/>: the store Pods (by the store selector, from the
/// cluster's pods listed once per reconcile, <see cref="ListPodsAsync"/>), the Nodes they run on (for the topology
/// labels the cluster names and their readiness), their claims (one list by the claim template's labels), and each
/// ready store's <c>/stats</c>, asked in parallel. API errors propagate (the reconcile fails and retries); a store that
/// does not answer is recorded on its pod.
/// </summary>
public sealed class FleetObserver(IKubernetes client, StoreCalls stores)
{
    /// <summary>Every pod of the cluster (all components, by its name and instance labels), in name order.</summary>
    public static async Task<IReadOnlyList<V1Pod>> ListPodsAsync(IKubernetes client, V1Alpha1HaystackCluster cluster, CancellationToken cancellationToken)
    {
        var selector = $"{ClusterLabels.Name}={ClusterLabels.AppName},{ClusterLabels.Instance}={ClusterNames.Name(cluster)}";
        var pods = await client.CoreV1.ListNamespacedPodAsync(ClusterNames.Namespace(cluster), labelSelector: selector, cancellationToken: cancellationToken);
        return [.. pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)];
    }

    /// <param name="clusterPods">The cluster's pods from <see cref="ListPodsAsync"/>; the store pods are those the store selector matches.</param>
    public async Task<StoreFleet> ObserveAsync(V1Alpha1HaystackCluster cluster, IReadOnlyList<V1Pod> clusterPods, CancellationToken cancellationToken)
    {
        var ns = ClusterNames.Namespace(cluster);
        var storeLabels = ClusterLabels.Selector(cluster, HaystackComponent.Store);
        var selector = string.Join(",", storeLabels.Select(l => $"{l.Key}={l.Value}"));
        var pods = clusterPods
            .Where(pod => storeLabels.All(l => pod.Metadata.Labels?.TryGetValue(l.Key, out var value) == true && value == l.Value))
            .Select(pod => (Pod: pod, Ordinal: OrdinalOf(cluster, pod)))
            .Where(p => p.Ordinal is not null)
            .OrderBy(p => p.Ordinal)
            .ToList();
        var claims = (await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items
            .ToDictionary(c => c.Metadata.Name);
        var nodes = await ReadNodesAsync(pods.Select(p => p.Pod.Spec?.NodeName).OfType<string>().Distinct(), cancellationToken);
        var diskBytes = StorageQuantity.ToBytes(cluster.Spec.Store.StorageSize);

        var observed = await Task.WhenAll(pods.Select(p => ObservePodAsync(cluster, p.Pod, p.Ordinal!.Value, nodes, claims, diskBytes, cancellationToken)));
        return new StoreFleet(observed);
    }

    private async Task<StorePod> ObservePodAsync(
        V1Alpha1HaystackCluster cluster, V1Pod pod, int ordinal, IReadOnlyDictionary<string, V1Node> nodes,
        IReadOnlyDictionary<string, V1PersistentVolumeClaim> claims, long specDiskBytes, CancellationToken cancellationToken)
    {
        var name = pod.Metadata.Name;
        var url = PodEndpoints.StorePod(ClusterNames.Name(cluster), ClusterNames.Namespace(cluster), name, HaystackPorts.Http);
        var nodeName = pod.Spec?.NodeName;
        var node = nodeName is null ? null : nodes.GetValueOrDefault(nodeName);
        var labels = node?.Metadata.Labels;
        var claimName = ClaimNameOf(pod);
        var claim = claims.GetValueOrDefault(claimName);
        var ready = pod.Metadata.DeletionTimestamp is null
            && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

        IReadOnlyList<PhysicalVolume> volumes = [];
        string? error = "the pod is not ready";
        if (ready)
        {
            try
            {
                volumes = (await stores.ReportAsync(url, cancellationToken)).PhysicalVolumes;
                error = null;
            }
            catch (StoreCallException e)
            {
                error = e.Message;
            }
        }
        return new StorePod(
            name, ordinal, url, nodeName,
            Host: nodeName is null ? null : ValueOf(labels, cluster.Spec.Topology.NodeKey) ?? nodeName,
            Zone: ValueOf(labels, cluster.Spec.Topology.ZoneKey),
            ready, claimName, claim?.Metadata.Uid,
            DiskBytes: ValueOf(claim?.Status?.Capacity, "storage")?.ToInt64() ?? specDiskBytes,
            volumes, error)
        {
            Running = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == HaystackComponent.Store)?.State?.Running is not null,
            NodeHealth = nodeName is null ? null : node is null ? NodeHealth.Gone(nodeName) : NodeHealth.Of(node),
        };
    }

    private async Task<IReadOnlyDictionary<string, V1Node>> ReadNodesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(names.Select(async name =>
            await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken).OrNullWhenNotFound()));
        return read.OfType<V1Node>().ToDictionary(n => n.Metadata.Name);
    }

    private static T? ValueOf<T>(IDictionary<string, T>? map, string key)
        where T : class => map is not null && map.TryGetValue(key, out var value) ? value : null;

    /// <summary>The ordinal from <c>{cluster}-store-{n}</c>; null for a pod of another name that happens to match the selector.</summary>
    private static int? OrdinalOf(V1Alpha1HaystackCluster cluster, V1Pod pod)
    {
        var prefix = ClusterNames.Store(cluster) + "-";
        var name = pod.Metadata.Name ?? "";
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : null;
    }

    /// <summary>The claim mounted as the data volume; the StatefulSet names it <c>data-{pod}</c>.</summary>
    private static string ClaimNameOf(V1Pod pod) =>
        pod.Spec?.Volumes?.FirstOrDefault(v => v.Name == StoreStatefulSet.DataVolumeName)?.PersistentVolumeClaim?.ClaimName
        ?? $"{StoreStatefulSet.DataVolumeName}-{pod.Metadata.Name}";
}
