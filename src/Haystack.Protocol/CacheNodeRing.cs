
namespace Haystack.Protocol;

/// <summary>
/// Chooses the cache node that owns a photo id by rendezvous (highest random weight) hashing over a fixed
/// node list. Every node and the Directory compute the same owner from the same list; adding or removing
/// one node moves only the ids that node wins or owned.
/// </summary>
public sealed class CacheNodeRing
{
    private readonly Uri[] _nodes;
    private readonly ulong[] _nodeSeeds;

    public CacheNodeRing(IEnumerable<Uri> nodes)
    {
        _nodes = nodes.Distinct().ToArray();
        if (_nodes.Length == 0)
        {
            throw new ArgumentException("a cache ring needs at least one node address", nameof(nodes));
        }
        _nodeSeeds = _nodes.Select(node => Fnv1a(node.AbsoluteUri)).ToArray();
    }

    public IReadOnlyList<Uri> Nodes => _nodes;

    public Uri OwnerOf(PhotoId id)
    {
        var idHash = Mix(Mix(id.Key ^ ((ulong)id.VolumeId << 32 | id.AlternateKey)) ^ id.Cookie);
        var best = 0;
        var bestScore = 0UL;
        for (var i = 0; i < _nodes.Length; i++)
        {
            var score = Mix(_nodeSeeds[i] ^ idHash);
            if (i == 0 || score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }
        return _nodes[best];
    }

    /// <summary>SplitMix64 finaliser: spreads every input bit over the whole output.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }
}
