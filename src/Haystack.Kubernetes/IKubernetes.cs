using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>
/// The generic REST core: every resource, built-in or custom, through one descriptor.
/// Typed methods (<c>ReadNamespacedStatefulSetAsync</c>...) are extension methods over this interface,
/// so a test double implements only these calls. <paramref name="ns"/> is ignored for cluster-scoped kinds.
/// </summary>
public interface IKubernetes : IDisposable
{
    Task<T> GetAsync<T>(ResourceKind kind, string name, string? ns = null, CancellationToken ct = default);

    /// <summary>One page (or all, without a limit) of a collection; all namespaces when <paramref name="ns"/> is null.</summary>
    Task<TList> ListAsync<TList>(ResourceKind kind, string? ns = null, ListOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Streams changes until the server closes the watch or <paramref name="ct"/> fires. An ERROR event is thrown as
    /// <see cref="HttpOperationException"/> (<see cref="HttpOperationException.IsGone"/> when the version is too old).
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(
        ResourceKind kind, string? ns = null, WatchOptions? options = null, CancellationToken ct = default);

    Task<T> CreateAsync<T>(ResourceKind kind, T body, string? ns = null, string? fieldManager = null, CancellationToken ct = default);

    /// <summary>PUT of the whole object; fails with 409 when <c>metadata.resourceVersion</c> is stale.</summary>
    Task<T> ReplaceAsync<T>(ResourceKind kind, T body, string name, string? ns = null, string? fieldManager = null, CancellationToken ct = default);

    /// <summary>PUT of the status subresource: only <c>status</c> changes.</summary>
    Task<T> ReplaceStatusAsync<T>(ResourceKind kind, T body, string name, string? ns = null, string? fieldManager = null, CancellationToken ct = default);

    /// <summary>PATCH; <paramref name="force"/> only matters for server-side apply, which needs a field manager.</summary>
    Task<T> PatchAsync<T>(
        ResourceKind kind, V1Patch patch, string name, string? ns = null, string? fieldManager = null, bool? force = null, CancellationToken ct = default);

    Task<T> PatchStatusAsync<T>(
        ResourceKind kind, V1Patch patch, string name, string? ns = null, string? fieldManager = null, bool? force = null, CancellationToken ct = default);

    /// <summary>DELETE; <paramref name="propagationPolicy"/> is "Background", "Foreground" or "Orphan".</summary>
    Task<V1Status> DeleteAsync(ResourceKind kind, string name, string? ns = null, string? propagationPolicy = null, CancellationToken ct = default);
}
