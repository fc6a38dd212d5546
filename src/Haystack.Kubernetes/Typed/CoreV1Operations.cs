using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// core/v1 calls with KubernetesClient's names, each one line over the generic core.
/// KubernetesClient reaches them as <c>client.CoreV1.X</c>; here they extend <see cref="IKubernetes"/> directly.
/// </summary>
public static class CoreV1Operations
{
    public static Task<V1Pod> ReadNamespacedPodAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Pod>(ResourceKind.Pod, name, namespaceParameter, cancellationToken);

    public static Task<V1PodList> ListNamespacedPodAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1PodList>(ResourceKind.Pod, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Pod Object)> WatchListNamespacedPodAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Pod>(ResourceKind.Pod, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Pod> CreateNamespacedPodAsync(this IKubernetes client, V1Pod body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Pod, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Pod> ReplaceNamespacedPodAsync(
        this IKubernetes client, V1Pod body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Pod, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Pod> PatchNamespacedPodAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Pod>(ResourceKind.Pod, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Pod> ReplaceNamespacedPodStatusAsync(
        this IKubernetes client, V1Pod body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.Pod, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Pod> PatchNamespacedPodStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1Pod>(ResourceKind.Pod, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedPodAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Pod, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1Service> ReadNamespacedServiceAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Service>(ResourceKind.Service, name, namespaceParameter, cancellationToken);

    public static Task<V1ServiceList> ListNamespacedServiceAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1ServiceList>(ResourceKind.Service, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Service Object)> WatchListNamespacedServiceAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Service>(ResourceKind.Service, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Service> CreateNamespacedServiceAsync(this IKubernetes client, V1Service body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Service, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Service> ReplaceNamespacedServiceAsync(
        this IKubernetes client, V1Service body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Service, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Service> PatchNamespacedServiceAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Service>(ResourceKind.Service, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Service> ReplaceNamespacedServiceStatusAsync(
        this IKubernetes client, V1Service body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.Service, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Service> PatchNamespacedServiceStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1Service>(ResourceKind.Service, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedServiceAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Service, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1ConfigMap> ReadNamespacedConfigMapAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1ConfigMap>(ResourceKind.ConfigMap, name, namespaceParameter, cancellationToken);

    public static Task<V1ConfigMapList> ListNamespacedConfigMapAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1ConfigMapList>(ResourceKind.ConfigMap, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1ConfigMap Object)> WatchListNamespacedConfigMapAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1ConfigMap>(ResourceKind.ConfigMap, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1ConfigMap> CreateNamespacedConfigMapAsync(this IKubernetes client, V1ConfigMap body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.ConfigMap, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1ConfigMap> ReplaceNamespacedConfigMapAsync(
        this IKubernetes client, V1ConfigMap body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.ConfigMap, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1ConfigMap> PatchNamespacedConfigMapAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1ConfigMap>(ResourceKind.ConfigMap, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedConfigMapAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.ConfigMap, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1Secret> ReadNamespacedSecretAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Secret>(ResourceKind.Secret, name, namespaceParameter, cancellationToken);

    public static Task<V1SecretList> ListNamespacedSecretAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1SecretList>(ResourceKind.Secret, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Secret Object)> WatchListNamespacedSecretAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Secret>(ResourceKind.Secret, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Secret> CreateNamespacedSecretAsync(this IKubernetes client, V1Secret body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Secret, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Secret> ReplaceNamespacedSecretAsync(
        this IKubernetes client, V1Secret body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Secret, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1Secret> PatchNamespacedSecretAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Secret>(ResourceKind.Secret, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedSecretAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Secret, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1ServiceAccount> ReadNamespacedServiceAccountAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1ServiceAccount>(ResourceKind.ServiceAccount, name, namespaceParameter, cancellationToken);

    public static Task<V1ServiceAccountList> ListNamespacedServiceAccountAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1ServiceAccountList>(ResourceKind.ServiceAccount, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1ServiceAccount Object)> WatchListNamespacedServiceAccountAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1ServiceAccount>(ResourceKind.ServiceAccount, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1ServiceAccount> CreateNamespacedServiceAccountAsync(this IKubernetes client, V1ServiceAccount body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.ServiceAccount, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1ServiceAccount> ReplaceNamespacedServiceAccountAsync(
        this IKubernetes client, V1ServiceAccount body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.ServiceAccount, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1ServiceAccount> PatchNamespacedServiceAccountAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1ServiceAccount>(ResourceKind.ServiceAccount, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedServiceAccountAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.ServiceAccount, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1PersistentVolumeClaim> ReadNamespacedPersistentVolumeClaimAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim, name, namespaceParameter, cancellationToken);

    public static Task<V1PersistentVolumeClaimList> ListNamespacedPersistentVolumeClaimAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1PersistentVolumeClaimList>(ResourceKind.PersistentVolumeClaim, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1PersistentVolumeClaim Object)> WatchListNamespacedPersistentVolumeClaimAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1PersistentVolumeClaim> CreateNamespacedPersistentVolumeClaimAsync(this IKubernetes client, V1PersistentVolumeClaim body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.PersistentVolumeClaim, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1PersistentVolumeClaim> ReplaceNamespacedPersistentVolumeClaimAsync(
        this IKubernetes client, V1PersistentVolumeClaim body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.PersistentVolumeClaim, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1PersistentVolumeClaim> PatchNamespacedPersistentVolumeClaimAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1PersistentVolumeClaim> ReplaceNamespacedPersistentVolumeClaimStatusAsync(
        this IKubernetes client, V1PersistentVolumeClaim body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.PersistentVolumeClaim, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<V1PersistentVolumeClaim> PatchNamespacedPersistentVolumeClaimStatusAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedPersistentVolumeClaimAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.PersistentVolumeClaim, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<Corev1Event> ReadNamespacedEventAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.GetAsync<Corev1Event>(ResourceKind.Event, name, namespaceParameter, cancellationToken);

    public static Task<Corev1EventList> ListNamespacedEventAsync(
        this IKubernetes client, string namespaceParameter, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<Corev1EventList>(ResourceKind.Event, namespaceParameter, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, Corev1Event Object)> WatchListNamespacedEventAsync(
        this IKubernetes client, string namespaceParameter, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<Corev1Event>(ResourceKind.Event, namespaceParameter, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<Corev1Event> CreateNamespacedEventAsync(this IKubernetes client, Corev1Event body, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Event, body, namespaceParameter, fieldManager, cancellationToken);

    public static Task<Corev1Event> ReplaceNamespacedEventAsync(
        this IKubernetes client, Corev1Event body, string name, string namespaceParameter, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Event, body, name, namespaceParameter, fieldManager, cancellationToken);

    public static Task<Corev1Event> PatchNamespacedEventAsync(
        this IKubernetes client, V1Patch body, string name, string namespaceParameter, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<Corev1Event>(ResourceKind.Event, body, name, namespaceParameter, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNamespacedEventAsync(
        this IKubernetes client, string name, string namespaceParameter, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Event, name, namespaceParameter, propagationPolicy, cancellationToken);

    public static Task<V1Node> ReadNodeAsync(this IKubernetes client, string name, CancellationToken cancellationToken = default) =>
        client.GetAsync<V1Node>(ResourceKind.Node, name, null, cancellationToken);

    public static Task<V1NodeList> ListNodeAsync(
        this IKubernetes client, string? continueParameter = null, string? fieldSelector = null, string? labelSelector = null,
        int? limit = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        client.ListAsync<V1NodeList>(ResourceKind.Node, null, new ListOptions(labelSelector, fieldSelector, limit, continueParameter, resourceVersion), cancellationToken);

    public static IAsyncEnumerable<(WatchEventType Type, V1Node Object)> WatchListNodeAsync(
        this IKubernetes client, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool? allowWatchBookmarks = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        client.WatchAsync<V1Node>(ResourceKind.Node, null, new WatchOptions(resourceVersion, labelSelector, fieldSelector, allowWatchBookmarks ?? false, timeoutSeconds), cancellationToken);

    public static Task<V1Node> CreateNodeAsync(this IKubernetes client, V1Node body, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.CreateAsync(ResourceKind.Node, body, null, fieldManager, cancellationToken);

    public static Task<V1Node> ReplaceNodeAsync(
        this IKubernetes client, V1Node body, string name, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceAsync(ResourceKind.Node, body, name, null, fieldManager, cancellationToken);

    public static Task<V1Node> PatchNodeAsync(
        this IKubernetes client, V1Patch body, string name, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchAsync<V1Node>(ResourceKind.Node, body, name, null, fieldManager, force, cancellationToken);

    public static Task<V1Node> ReplaceNodeStatusAsync(
        this IKubernetes client, V1Node body, string name, string? fieldManager = null, CancellationToken cancellationToken = default) =>
        client.ReplaceStatusAsync(ResourceKind.Node, body, name, null, fieldManager, cancellationToken);

    public static Task<V1Node> PatchNodeStatusAsync(
        this IKubernetes client, V1Patch body, string name, string? fieldManager = null, bool? force = null, CancellationToken cancellationToken = default) =>
        client.PatchStatusAsync<V1Node>(ResourceKind.Node, body, name, null, fieldManager, force, cancellationToken);

    public static Task<V1Status> DeleteNodeAsync(
        this IKubernetes client, string name, string? propagationPolicy = null, CancellationToken cancellationToken = default) =>
        client.DeleteAsync(ResourceKind.Node, name, null, propagationPolicy, cancellationToken);
}
