using System.Collections.Concurrent;

namespace Haystack.Cache.Replicas;

/// <summary>
/// Remembers which stores failed recently so the next reads try them last: after a store dies only the first
/// read pays its timeout, not every read until the Directory notices.
/// </summary>
public sealed class ReplicaHealth(TimeSpan penalty, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Uri, DateTimeOffset> _failures = new();

    public void RecordFailure(Uri store) => _failures[store] = clock.GetUtcNow();

    public void RecordSuccess(Uri store) => _failures.TryRemove(store, out _);

    public bool IsSuspect(Uri store) =>
        _failures.TryGetValue(store, out var at) && clock.GetUtcNow() - at < penalty;

    /// <summary>
    /// The order to try the replicas for <paramref name="key"/>, suspects last. When <paramref name="spread"/>, a
    /// rotation chosen by the photo's key, so different photos spread over the replicas while one photo keeps
    /// hitting the same store's page cache; otherwise the order given (the Directory lists healthy replicas first).
    /// </summary>
    public IReadOnlyList<Uri> Order(ulong key, IReadOnlyList<Uri> replicas, bool spread = true)
    {
        if (replicas.Count == 0)
        {
            return replicas;
        }
        var start = spread ? (int)((key * 0x9E3779B97F4A7C15UL >> 32) % (ulong)replicas.Count) : 0;
        var rotated = Enumerable.Range(0, replicas.Count).Select(i => replicas[(start + i) % replicas.Count]);
        return [.. rotated.OrderBy(IsSuspect)];
    }
}
