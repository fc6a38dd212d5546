namespace Haystack.Commands.Compaction;

/// <summary>One volume's outcome: its garbage (the highest of its replicas), what was done, and each replica's figures.</summary>
public sealed record VolumeCompaction(
    uint VolumeId,
    double GarbageRatio,
    long GarbageBytes,
    CompactionAction Action,
    string? Message,
    IReadOnlyList<ReplicaCompaction> Replicas)
{
    public bool IsFailure => Action is CompactionAction.Failed or CompactionAction.Skipped;

    public long ReclaimedBytes => Replicas.Sum(replica => replica.ReclaimedBytes);
}
