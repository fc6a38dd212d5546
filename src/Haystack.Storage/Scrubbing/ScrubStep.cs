namespace Haystack.Storage;

/// <summary>
/// What one <see cref="Volume.ScrubAsync"/> call checked: the live needles starting in [<paramref name="From"/>,
/// <paramref name="To"/>) of the data file as it was at <paramref name="CompactionRevision"/> (a compaction moves every
/// needle, so a pass restarts when the revision changes), and what was wrong with them.
/// </summary>
public sealed record ScrubStep(
    long From,
    long To,
    long End,
    uint CompactionRevision,
    int NeedlesChecked,
    long BytesRead,
    IReadOnlyList<ScrubFinding> Findings)
{
    /// <summary>True when the step reached the end of the volume: the pass is complete.</summary>
    public bool ReachedEnd => To >= End;
}
