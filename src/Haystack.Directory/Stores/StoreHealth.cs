using System.Collections.Concurrent;

namespace Haystack.Directory.Stores;

/// <summary>The latest probe of every configured store, for placement, lookups and /stats.</summary>
public sealed class StoreHealth(IEnumerable<Uri> stores)
{
    private readonly Uri[] _stores = [.. stores];
    private readonly ConcurrentDictionary<Uri, StoreProbe> _latest = new();

    public IReadOnlyList<Uri> Stores => _stores;

    public void Record(StoreProbe probe) => _latest[probe.Store] = probe;

    public StoreProbe? Latest(Uri store) => _latest.GetValueOrDefault(store);

    /// <summary>Up as of the last probe; a store never probed yet counts as up, so nothing waits for the first round.</summary>
    public bool IsUp(Uri store) => Latest(store)?.IsUp ?? true;

    /// <summary>The replicas with the stores that answered the last probe first: the order readers should try.</summary>
    public IReadOnlyList<Uri> InReadOrder(IReadOnlyList<Uri> replicas) => [.. replicas.Where(IsUp), .. replicas.Where(r => !IsUp(r))];
}
