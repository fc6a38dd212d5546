using Haystack.Kubernetes;
using Haystack.Kubernetes.Models;

namespace Haystack.Operator.Tests.Support;

/// <summary>
/// Forwards every call to a real client, but runs <paramref name="interleave"/> once just before the first
/// status write: another writer gets in between the operator's read and its write, as happens in production.
/// </summary>
internal sealed class InterleavingClient(IKubernetes inner, Func<Task> interleave) : IKubernetes
{
    private int _interleaved;

    public int StatusWrites { get; private set; }

    public Task<T> GetAsync<T>(ResourceKind kind, string name, string? ns = null, CancellationToken ct = default) =>
        inner.GetAsync<T>(kind, name, ns, ct);

    public Task<TList> ListAsync<TList>(ResourceKind kind, string? ns = null, ListOptions? options = null, CancellationToken ct = default) =>
        inner.ListAsync<TList>(kind, ns, options, ct);

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(ResourceKind kind, string? ns = null, WatchOptions? options = null, CancellationToken ct = default) =>
        inner.WatchAsync<T>(kind, ns, options, ct);

    public Task<T> CreateAsync<T>(ResourceKind kind, T body, string? ns = null, string? fieldManager = null, CancellationToken ct = default) =>
        inner.CreateAsync(kind, body, ns, fieldManager, ct);

    public Task<T> ReplaceAsync<T>(ResourceKind kind, T body, string name, string? ns = null, string? fieldManager = null, CancellationToken ct = default) =>
        inner.ReplaceAsync(kind, body, name, ns, fieldManager, ct);

    public async Task<T> ReplaceStatusAsync<T>(ResourceKind kind, T body, string name, string? ns = null, string? fieldManager = null, CancellationToken ct = default)
    {
        StatusWrites++;
        if (Interlocked.Exchange(ref _interleaved, 1) == 0)
        {
            await interleave();
        }
        return await inner.ReplaceStatusAsync(kind, body, name, ns, fieldManager, ct);
    }

    public Task<T> PatchAsync<T>(ResourceKind kind, V1Patch patch, string name, string? ns = null, string? fieldManager = null, bool? force = null, CancellationToken ct = default) =>
        inner.PatchAsync<T>(kind, patch, name, ns, fieldManager, force, ct);

    public Task<T> PatchStatusAsync<T>(ResourceKind kind, V1Patch patch, string name, string? ns = null, string? fieldManager = null, bool? force = null, CancellationToken ct = default) =>
        inner.PatchStatusAsync<T>(kind, patch, name, ns, fieldManager, force, ct);

    public Task<V1Status> DeleteAsync(ResourceKind kind, string name, string? ns = null, string? propagationPolicy = null, CancellationToken ct = default) =>
        inner.DeleteAsync(kind, name, ns, propagationPolicy, ct);

    public void Dispose()
    {
    }
}
