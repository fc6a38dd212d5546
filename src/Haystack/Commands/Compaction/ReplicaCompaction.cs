namespace Haystack.Commands.Compaction;

/// <summary>One replica's compaction: the store's figures, or why it failed.</summary>
public sealed record ReplicaCompaction(
    Uri Store,
    long SizeBeforeBytes,
    long SizeAfterBytes,
    long ReclaimedBytes,
    long NeedlesCopied,
    double DurationMs,
    string? Error);
