using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// policy/v1 calls with KubernetesClient's names, each one line over the generic core.
/// KubernetesClient reaches them as <c>client.PolicyV1.X</c>; here they extend <see cref="IKubernetes"/> directly.
/// </summary>
public static class PolicyV1Operations
{
    public static Task<V1PodDisruptionBudget> ReadNamespacedPodDisruptionBudgetAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1PodDisruptionBudget>(ResourceKind.PodDisruptionBudget, name, namespaceParameter, cancellationToken);

    public static Task<V1PodDisruptionBudgetList> ListNamespacedPodDisruptionBudgetAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1PodDisruptionBudgetList>(ResourceKind.PodDisruptionBudget, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1PodDisruptionBudget Object)> WatchListNamespacedPodDisruptionBudgetAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1PodDisruptionBudget>(ResourceKind.PodDisruptionBudget, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1PodDisruptionBudget> CreateNamespacedPodDisruptionBudgetAsync(this IKubernetes client, V1PodDisruptionBudget body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.PodDisruptionBudget, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1PodDisruptionBudget> ReplaceNamespacedPodDisruptionBudgetAsync(
        this IKubernetes client, V1PodDisruptionBudget body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.PodDisruptionBudget, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1PodDisruptionBudget> PatchNamespacedPodDisruptionBudgetAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1PodDisruptionBudget>(ResourceKind.PodDisruptionBudget, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1PodDisruptionBudget> ReplaceNamespacedPodDisruptionBudgetStatusAsync(
        this IKubernetes client, V1PodDisruptionBudget body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.PodDisruptionBudget, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1PodDisruptionBudget> PatchNamespacedPodDisruptionBudgetStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1PodDisruptionBudget>(ResourceKind.PodDisruptionBudget, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedPodDisruptionBudgetAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.PodDisruptionBudget, name, namespaceParameter, propagationPolicy, cancellationToken);
}
