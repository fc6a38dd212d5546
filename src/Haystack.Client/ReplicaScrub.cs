namespace Haystack.Client;

/// <summary>One replica of a volume with its scrub progress.</summary>
/// <param name="Store">The store holding the replica.</param>
/// <param name="Scrub">Its scrub progress; null when the store did not answer the latest probe, or does not scrub.</param>
public sealed record ReplicaScrub(Uri Store, ScrubProgress? Scrub);
