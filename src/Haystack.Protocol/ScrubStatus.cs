namespace Haystack.Protocol;

/// <summary>
/// Where a store's scrub of one volume stands: the pass in progress (<see cref="Offset"/> of <see cref="End"/> bytes of
/// the data file checked, started at <see cref="PassStarted"/>), the last whole pass, the live needles found damaged or
/// missing and not repaired yet (<see cref="OpenFindings"/>, listed by <c>GET /volumes/{id}/scrub</c>) and the needles
/// repaired on this replica so far.
/// </summary>
public sealed record ScrubStatus(
    long Offset,
    long End,
    DateTimeOffset? PassStarted,
    DateTimeOffset? LastPassCompleted,
    long Passes,
    int OpenFindings,
    long Repairs);
