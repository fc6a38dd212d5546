using Haystack.Protocol;

namespace Haystack.Cache.Tests;

public sealed class CacheNodeRingTests
{
    private static readonly Uri[] ThreeNodes =
        [new("http://cache-0:7080/"), new("http://cache-1:7080/"), new("http://cache-2:7080/")];

    private static IEnumerable<PhotoId> Ids(int count) =>
        Enumerable.Range(1, count).Select(i => new PhotoId(7, (ulong)i, 0, (uint)(i * 2654435761u)));

    [Fact]
    public void Every_node_list_order_gives_the_same_owner()
    {
        var ring = new CacheNodeRing(ThreeNodes);
        var reversed = new CacheNodeRing(ThreeNodes.Reverse());
        foreach (var id in Ids(1000))
        {
            Assert.Equal(ring.OwnerOf(id), reversed.OwnerOf(id));
        }
    }

    [Fact]
    public void Ids_spread_over_all_nodes()
    {
        var ring = new CacheNodeRing(ThreeNodes);
        var counts = Ids(30_000).GroupBy(ring.OwnerOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void Removing_a_node_moves_only_the_ids_it_owned()
    {
        var before = new CacheNodeRing(ThreeNodes);
        var after = new CacheNodeRing(ThreeNodes.Take(2));
        foreach (var id in Ids(5000))
        {
            var owner = before.OwnerOf(id);
            if (owner != ThreeNodes[2])
            {
                Assert.Equal(owner, after.OwnerOf(id));
            }
        }
    }

    [Fact]
    public void An_empty_node_list_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CacheNodeRing([]));
    }
}
