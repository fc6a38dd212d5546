using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// rbac.authorization.k8s.io/v1 calls with KubernetesClient's names, each one line over the generic core.
/// KubernetesClient reaches them as <c>client.RbacAuthorizationV1.X</c>; here they extend <see cref="IKubernetes"/> directly.
/// </summary>
public static class RbacAuthorizationV1Operations
{
    public static Task<V1Role> ReadNamespacedRoleAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Role>(ResourceKind.Role, name, namespaceParameter, cancellationToken);

    public static Task<V1RoleList> ListNamespacedRoleAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1RoleList>(ResourceKind.Role, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Role Object)> WatchListNamespacedRoleAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Role>(ResourceKind.Role, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Role> CreateNamespacedRoleAsync(this IKubernetes client, V1Role body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Role, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Role> ReplaceNamespacedRoleAsync(
        this IKubernetes client, V1Role body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Role, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Role> PatchNamespacedRoleAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Role>(ResourceKind.Role, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedRoleAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Role, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1RoleBinding> ReadNamespacedRoleBindingAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1RoleBinding>(ResourceKind.RoleBinding, name, namespaceParameter, cancellationToken);

    public static Task<V1RoleBindingList> ListNamespacedRoleBindingAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1RoleBindingList>(ResourceKind.RoleBinding, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1RoleBinding Object)> WatchListNamespacedRoleBindingAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1RoleBinding>(ResourceKind.RoleBinding, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1RoleBinding> CreateNamespacedRoleBindingAsync(this IKubernetes client, V1RoleBinding body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.RoleBinding, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1RoleBinding> ReplaceNamespacedRoleBindingAsync(
        this IKubernetes client, V1RoleBinding body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.RoleBinding, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1RoleBinding> PatchNamespacedRoleBindingAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1RoleBinding>(ResourceKind.RoleBinding, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedRoleBindingAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.RoleBinding, name, namespaceParameter, propagationPolicy, cancellationToken);
}
