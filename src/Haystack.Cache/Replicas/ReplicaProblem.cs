namespace Haystack.Cache.Replicas;

/// <summary>What the cache reports to the Directory about a replica (<c>POST /dir/report</c>).</summary>
public enum ReplicaProblem
{
    /// <summary>The store said the needle failed its checksum.</summary>
    Corrupt,
    /// <summary>The store refused the connection, timed out or answered with a server error.</summary>
    Unreachable,
}
