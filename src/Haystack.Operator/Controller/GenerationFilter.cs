using Haystack.Operator.Entities;

namespace Haystack.Operator.Controller;

/// <summary>
/// Lets through only cluster events that ask for work: a new cluster, a new generation (the spec
/// changed) or a deletion. The operator's own status writes bump no generation, so they do not loop.
/// </summary>
public sealed class GenerationFilter
{
    private readonly Dictionary<ClusterKey, long?> _seen = [];
    private readonly Lock _lock = new();

    public bool ShouldReconcile(ClusterKey key, V1Alpha1HaystackCluster cluster)
    {
        lock (_lock)
        {
            var generation = cluster.Metadata.DeletionTimestamp is null ? cluster.Metadata.Generation : -1;
            if (_seen.TryGetValue(key, out var seen) && seen == generation)
            {
                return false;
            }
            _seen[key] = generation;
            return true;
        }
    }

    public void Forget(ClusterKey key)
    {
        lock (_lock)
        {
            _seen.Remove(key);
        }
    }
}
