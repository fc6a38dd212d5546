namespace Haystack.Storage;

/// <summary>Where a needle lives in its volume's data file, in bytes (offset is 8-byte aligned).</summary>
public readonly record struct NeedleLocation(long Offset, int Length);
