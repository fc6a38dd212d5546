using k8s;
using k8s.Models;

namespace Haystack.Operator.Api;

/// <summary>
/// KubernetesClient's CustomObjects calls for one <see cref="CustomResourceKind"/>, typed: the package's
/// generic overloads deserialize with its own JSON options, so the entities read as any built-in model does.
/// </summary>
public static class CustomObjectCalls
{
    public static Task<T> ReadAsync<T>(this IKubernetes client, CustomResourceKind kind, string name, string ns, CancellationToken cancellationToken = default) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<T>(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken);

    public static Task<T> CreateAsync<T>(this IKubernetes client, CustomResourceKind kind, T body, string ns, CancellationToken cancellationToken = default)
        where T : notnull =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<T>(body, kind.Group, kind.Version, ns, kind.Plural, cancellationToken: cancellationToken);

    public static Task<T> ReplaceAsync<T>(this IKubernetes client, CustomResourceKind kind, T body, string name, string ns, CancellationToken cancellationToken = default)
        where T : notnull =>
        client.CustomObjects.ReplaceNamespacedCustomObjectAsync<T>(body, kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellationToken);

    /// <summary>PUT of the status subresource: the server takes only status from the body.</summary>
    public static Task<T> ReplaceStatusAsync<T>(
        this IKubernetes client, CustomResourceKind kind, T body, string name, string ns, string? fieldManager = null, CancellationToken cancellationToken = default)
        where T : notnull =>
        client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<T>(
            body, kind.Group, kind.Version, ns, kind.Plural, name, fieldManager: fieldManager, cancellationToken: cancellationToken);

    public static Task DeleteAsync(this IKubernetes client, CustomResourceKind kind, string name, string ns, CancellationToken cancellationToken = default) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellationToken);

    public static Task<KubernetesList<T>> ListAsync<T>(
        this IKubernetes client, CustomResourceKind kind, string ns, string? continueToken = null, int? limit = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject =>
        client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<T>>(
            kind.Group, kind.Version, ns, kind.Plural, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken);

    /// <summary>List and watch in one namespace, or every namespace when <paramref name="ns"/> is null.</summary>
    public static ListWatch<T> ListWatch<T>(this IKubernetes client, CustomResourceKind kind, string? ns)
        where T : IKubernetesObject<V1ObjectMeta> => new(
        async (next, limit, ct) => ListPage<T>.Of(ns is null
            ? await client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<T>>(
                kind.Group, kind.Version, kind.Plural, continueParameter: next, limit: limit, cancellationToken: ct)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<T>>(
                kind.Group, kind.Version, ns, kind.Plural, continueParameter: next, limit: limit, cancellationToken: ct)),
        (version, onError, ct) => (ns is null
                ? client.CustomObjects.WatchListClusterCustomObjectAsync(
                    kind.Group, kind.Version, kind.Plural, allowWatchBookmarks: true, resourceVersion: version, onError: onError, cancellationToken: ct)
                : client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                    kind.Group, kind.Version, ns, kind.Plural, allowWatchBookmarks: true, resourceVersion: version, onError: onError, cancellationToken: ct))
            .Select(e => (e.Item1, KubernetesJson.Deserialize<T>((System.Text.Json.JsonElement)e.Item2))));
}
