namespace Haystack.Protocol;

/// <summary>
/// One live needle a store's scrub (or a read) found damaged, as <c>GET /volumes/{id}/scrub</c> lists it: the needle's
/// key and alternate key, where the store's index puts it, what is wrong, and whether its bytes are past the end of the
/// data file (missing) rather than damaged.
/// </summary>
public sealed record ScrubFindingReport(ulong Key, uint AlternateKey, long Offset, int Length, string Problem, bool Missing, DateTimeOffset FoundAt);
