using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// batch/v1 calls with KubernetesClient's names, each one line over the generic core.
/// KubernetesClient reaches them as <c>client.BatchV1.X</c>; here they extend <see cref="IKubernetes"/> directly.
/// </summary>
public static class BatchV1Operations
{
    public static Task<V1Job> ReadNamespacedJobAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Job>(ResourceKind.Job, name, namespaceParameter, cancellationToken);

    public static Task<V1JobList> ListNamespacedJobAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1JobList>(ResourceKind.Job, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Job Object)> WatchListNamespacedJobAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Job>(ResourceKind.Job, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Job> CreateNamespacedJobAsync(this IKubernetes client, V1Job body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Job, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Job> ReplaceNamespacedJobAsync(
        this IKubernetes client, V1Job body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Job, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Job> PatchNamespacedJobAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Job>(ResourceKind.Job, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Job> ReplaceNamespacedJobStatusAsync(
        this IKubernetes client, V1Job body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.Job, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Job> PatchNamespacedJobStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1Job>(ResourceKind.Job, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedJobAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Job, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1CronJob> ReadNamespacedCronJobAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1CronJob>(ResourceKind.CronJob, name, namespaceParameter, cancellationToken);

    public static Task<V1CronJobList> ListNamespacedCronJobAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1CronJobList>(ResourceKind.CronJob, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1CronJob Object)> WatchListNamespacedCronJobAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1CronJob>(ResourceKind.CronJob, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1CronJob> CreateNamespacedCronJobAsync(this IKubernetes client, V1CronJob body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.CronJob, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1CronJob> ReplaceNamespacedCronJobAsync(
        this IKubernetes client, V1CronJob body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.CronJob, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1CronJob> PatchNamespacedCronJobAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1CronJob>(ResourceKind.CronJob, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1CronJob> ReplaceNamespacedCronJobStatusAsync(
        this IKubernetes client, V1CronJob body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.CronJob, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1CronJob> PatchNamespacedCronJobStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1CronJob>(ResourceKind.CronJob, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedCronJobAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.CronJob, name, namespaceParameter, propagationPolicy, cancellationToken);
}
