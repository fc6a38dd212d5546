namespace Haystack.Directory.Volumes;

/// <summary>What a cache saw when it read from a replica.</summary>
public enum ReplicaProblem
{
    /// <summary>The store did not answer or failed; the volume heals once probes reach every replica again.</summary>
    Unreachable,
    /// <summary>The store withheld a needle that failed its checksum; the volume stays degraded until repaired.</summary>
    Corrupt,
}
