using Haystack.Protocol;

namespace Haystack.Cache;

/// <summary>This node's place in the hash ring: which node owns a photo, and whether that is this one.</summary>
public sealed class CacheTopology(Uri self, CacheNodeRing ring)
{
    /// <summary>Marks a request one node passed to the owner, so the owner serves it instead of passing it on.</summary>
    public const string ForwardedHeader = "X-Haystack-Forwarded-By";

    public Uri Self { get; } = self;

    public CacheNodeRing Ring { get; } = ring;

    public Uri OwnerOf(PhotoId id) => Ring.OwnerOf(id);

    public bool Owns(PhotoId id) => OwnerOf(id) == Self;

    /// <summary>
    /// This node's entry in <paramref name="nodes"/>: <paramref name="self"/> when given, else the one node on
    /// <paramref name="port"/> whose host is this machine. Throws when that is ambiguous, naming the fix.
    /// </summary>
    public static CacheTopology Resolve(IReadOnlyList<Uri> nodes, Uri? self, Uri boundAddress, int port)
    {
        if (nodes.Count == 0)
        {
            var alone = self ?? boundAddress;
            return new CacheTopology(alone, new CacheNodeRing([alone]));
        }
        if (self is not null)
        {
            if (!nodes.Contains(self))
            {
                throw new ArgumentException($"--self {self} is not one of the --node addresses ({string.Join(", ", nodes)}).");
            }
            return new CacheTopology(self, new CacheNodeRing(nodes));
        }
        var local = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]", Environment.MachineName, System.Net.Dns.GetHostName() };
        var matches = nodes.Where(node => node.Port == port && local.Contains(node.Host)).ToArray();
        return matches.Length == 1
            ? new CacheTopology(matches[0], new CacheNodeRing(nodes))
            : throw new ArgumentException(
                $"Cannot tell which --node is this cache ({matches.Length} of {nodes.Count} are on this host and port {port}); pass --self with this node's address as listed.");
    }
}
