using k8s;
using k8s.Models;

namespace Haystack.Operator.Api;

/// <summary>
/// A kind of object the operator applies and watches, with KubernetesClient's typed calls for it. The package's
/// generic client has no field manager for server-side apply, so each kind names its own Read/Patch/List calls.
/// </summary>
public sealed class ChildKind
{
    private ChildKind(string group, string version, string plural, string kind)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
    }

    public string Group { get; }
    public string Version { get; }
    public string Plural { get; }
    public string Kind { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>GET of one object; 404 throws.</summary>
    public required Func<IKubernetes, string, string, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> Read { get; init; }

    /// <summary>Server-side apply of a whole object: the patch, name, namespace, field manager and force.</summary>
    public required Func<IKubernetes, V1Patch, string, string, string, bool, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> Apply { get; init; }

    /// <summary>List and watch in one namespace, or every namespace when null, filtered by a label selector.</summary>
    public required Func<IKubernetes, string?, string?, ListWatch<IKubernetesObject<V1ObjectMeta>>> ListWatch { get; init; }

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static ChildKind StatefulSet { get; } = new("apps", "v1", "statefulsets", "StatefulSet")
    {
        Read = async (c, name, ns, ct) => await c.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.AppsV1.WatchListStatefulSetForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.AppsV1.WatchListNamespacedStatefulSetAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind Deployment { get; } = new("apps", "v1", "deployments", "Deployment")
    {
        Read = async (c, name, ns, ct) => await c.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind Service { get; } = new("", "v1", "services", "Service")
    {
        Read = async (c, name, ns, ct) => await c.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.CoreV1.ListNamespacedServiceAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.CoreV1.WatchListNamespacedServiceAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind ConfigMap { get; } = new("", "v1", "configmaps", "ConfigMap")
    {
        Read = async (c, name, ns, ct) => await c.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.CoreV1.ListConfigMapForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.CoreV1.WatchListConfigMapForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind ServiceAccount { get; } = new("", "v1", "serviceaccounts", "ServiceAccount")
    {
        Read = async (c, name, ns, ct) => await c.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.CoreV1.ListServiceAccountForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.CoreV1.ListNamespacedServiceAccountAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.CoreV1.WatchListServiceAccountForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.CoreV1.WatchListNamespacedServiceAccountAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind PodDisruptionBudget { get; } = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget")
    {
        Read = async (c, name, ns, ct) => await c.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.PolicyV1.WatchListNamespacedPodDisruptionBudgetAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind Role { get; } = new("rbac.authorization.k8s.io", "v1", "roles", "Role")
    {
        Read = async (c, name, ns, ct) => await c.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.RbacAuthorizationV1.PatchNamespacedRoleAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.RbacAuthorizationV1.ListNamespacedRoleAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.RbacAuthorizationV1.WatchListRoleForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.RbacAuthorizationV1.WatchListNamespacedRoleAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind RoleBinding { get; } = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding")
    {
        Read = async (c, name, ns, ct) => await c.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.RbacAuthorizationV1.WatchListRoleBindingForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.RbacAuthorizationV1.WatchListNamespacedRoleBindingAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    public static ChildKind CronJob { get; } = new("batch", "v1", "cronjobs", "CronJob")
    {
        Read = async (c, name, ns, ct) => await c.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: ct),
        Apply = async (c, patch, name, ns, manager, force, ct) =>
            await c.BatchV1.PatchNamespacedCronJobAsync(patch, name, ns, fieldManager: manager, force: force, cancellationToken: ct),
        ListWatch = (c, ns, selector) => new(
            async (next, limit, ct) => ListPage<IKubernetesObject<V1ObjectMeta>>.Of(ns is null
                ? await c.BatchV1.ListCronJobForAllNamespacesAsync(continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)
                : await c.BatchV1.ListNamespacedCronJobAsync(ns, continueParameter: next, labelSelector: selector, limit: limit, cancellationToken: ct)),
            (version, onError, ct) => Upcast(ns is null
                ? c.BatchV1.WatchListCronJobForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct)
                : c.BatchV1.WatchListNamespacedCronJobAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct))),
    };

    private static IAsyncEnumerable<(WatchEventType Type, IKubernetesObject<V1ObjectMeta> Object)> Upcast<T>(IAsyncEnumerable<(WatchEventType, T)> events)
        where T : IKubernetesObject<V1ObjectMeta> =>
        events.Select(e => (e.Item1, (IKubernetesObject<V1ObjectMeta>)e.Item2));
}
