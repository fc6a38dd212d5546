namespace Haystack.Storage;

/// <summary>
/// A live needle a scrub found unreadable: the needle map names it at <paramref name="Offset"/>, but the bytes there
/// fail their checks (<paramref name="Problem"/>), or lie past the end of the data file (<paramref name="Missing"/>:
/// the file was cut short, so the needle is gone rather than damaged).
/// </summary>
public sealed record ScrubFinding(NeedleId Id, long Offset, int Length, string Problem, bool Missing, DateTimeOffset FoundAt);
