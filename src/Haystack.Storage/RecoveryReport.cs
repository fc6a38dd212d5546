namespace Haystack.Storage;

/// <summary>What <see cref="Volume.Open"/> found and repaired; worth logging at startup.</summary>
/// <param name="IndexRecordsLoaded">Valid records read from the index file.</param>
/// <param name="NeedlesScanned">Needles found in the data file after the last indexed one and indexed again.</param>
/// <param name="TruncatedBytes">Bytes of a torn tail cut from the data file.</param>
/// <param name="IndexRebuildReason">Why the whole index was rebuilt from the data file, or null when it was usable.</param>
/// <param name="CompactionResolution">What was done with files left by an interrupted compaction, or null.</param>
public sealed record RecoveryReport(
    long IndexRecordsLoaded,
    long NeedlesScanned,
    long TruncatedBytes,
    string? IndexRebuildReason,
    string? CompactionResolution);
