using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// apps/v1 calls with KubernetesClient's names, each one line over the generic core.
/// KubernetesClient reaches them as <c>client.AppsV1.X</c>; here they extend <see cref="IKubernetes"/> directly.
/// </summary>
public static class AppsV1Operations
{
    public static Task<V1StatefulSet> ReadNamespacedStatefulSetAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1StatefulSet>(ResourceKind.StatefulSet, name, namespaceParameter, cancellationToken);

    public static Task<V1StatefulSetList> ListNamespacedStatefulSetAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1StatefulSetList>(ResourceKind.StatefulSet, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1StatefulSet Object)> WatchListNamespacedStatefulSetAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1StatefulSet>(ResourceKind.StatefulSet, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1StatefulSet> CreateNamespacedStatefulSetAsync(this IKubernetes client, V1StatefulSet body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.StatefulSet, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1StatefulSet> ReplaceNamespacedStatefulSetAsync(
        this IKubernetes client, V1StatefulSet body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.StatefulSet, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1StatefulSet> PatchNamespacedStatefulSetAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1StatefulSet>(ResourceKind.StatefulSet, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1StatefulSet> ReplaceNamespacedStatefulSetStatusAsync(
        this IKubernetes client, V1StatefulSet body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.StatefulSet, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1StatefulSet> PatchNamespacedStatefulSetStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1StatefulSet>(ResourceKind.StatefulSet, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedStatefulSetAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.StatefulSet, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1Deployment> ReadNamespacedDeploymentAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Deployment>(ResourceKind.Deployment, name, namespaceParameter, cancellationToken);

    public static Task<V1DeploymentList> ListNamespacedDeploymentAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1DeploymentList>(ResourceKind.Deployment, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Deployment Object)> WatchListNamespacedDeploymentAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Deployment>(ResourceKind.Deployment, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Deployment> CreateNamespacedDeploymentAsync(this IKubernetes client, V1Deployment body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Deployment, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Deployment> ReplaceNamespacedDeploymentAsync(
        this IKubernetes client, V1Deployment body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Deployment, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Deployment> PatchNamespacedDeploymentAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Deployment>(ResourceKind.Deployment, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Deployment> ReplaceNamespacedDeploymentStatusAsync(
        this IKubernetes client, V1Deployment body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.Deployment, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Deployment> PatchNamespacedDeploymentStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1Deployment>(ResourceKind.Deployment, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedDeploymentAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Deployment, name, namespaceParameter, propagationPolicy, cancellationToken);
}
