namespace Haystack.Directory.Volumes;

/// <summary>The photo keys from <paramref name="First"/> up to, not including, <paramref name="End"/>.</summary>
public readonly record struct KeyBlock(ulong First, ulong End);
