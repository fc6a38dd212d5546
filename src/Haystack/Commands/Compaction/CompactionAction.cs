namespace Haystack.Commands.Compaction;

/// <summary>What <c>haystack compact</c> did with one volume.</summary>
public enum CompactionAction
{
    /// <summary>Every replica was compacted.</summary>
    Compacted,

    /// <summary><c>--dry-run</c>: it is over the threshold and would be compacted.</summary>
    WouldCompact,

    /// <summary>Its garbage is below the threshold; left alone.</summary>
    BelowThreshold,

    /// <summary>Not started: a replica is unhealthy, so compacting another would leave reads on too few.</summary>
    Skipped,

    /// <summary>A replica's compaction failed; the replicas after it were not touched.</summary>
    Failed,
}
