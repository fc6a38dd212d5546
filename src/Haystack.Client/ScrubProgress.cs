namespace Haystack.Client;

/// <summary>Where a store's background scrub of one replica stands, as the Directory saw it in its latest probe.</summary>
/// <param name="Offset">Bytes of the data file the pass in progress has checked (the whole file once a pass is complete).</param>
/// <param name="End">The data file's length.</param>
/// <param name="PassStarted">When the pass in progress began; null between passes.</param>
/// <param name="LastPassCompleted">When the last whole pass ended; null before the first.</param>
/// <param name="Passes">Whole passes completed.</param>
/// <param name="OpenFindings">Needles found damaged or missing and not repaired yet.</param>
/// <param name="Repairs">Needles of this replica repaired from a healthy one.</param>
public sealed record ScrubProgress(
    long Offset,
    long End,
    DateTimeOffset? PassStarted,
    DateTimeOffset? LastPassCompleted,
    long Passes,
    int OpenFindings,
    long Repairs);
