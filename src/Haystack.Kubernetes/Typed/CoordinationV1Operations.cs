using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// coordination.k8s.io/v1 calls with KubernetesClient's names, each one line over the generic core.
/// KubernetesClient reaches them as <c>client.CoordinationV1.X</c>; here they extend <see cref="IKubernetes"/> directly.
/// </summary>
public static class CoordinationV1Operations
{
    public static Task<V1Lease> ReadNamespacedLeaseAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Lease>(ResourceKind.Lease, name, namespaceParameter, cancellationToken);

    public static Task<V1LeaseList> ListNamespacedLeaseAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1LeaseList>(ResourceKind.Lease, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Lease Object)> WatchListNamespacedLeaseAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Lease>(ResourceKind.Lease, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Lease> CreateNamespacedLeaseAsync(this IKubernetes client, V1Lease body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Lease, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Lease> ReplaceNamespacedLeaseAsync(
        this IKubernetes client, V1Lease body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Lease, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Lease> PatchNamespacedLeaseAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Lease>(ResourceKind.Lease, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedLeaseAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Lease, name, namespaceParameter, propagationPolicy, cancellationToken);
}
