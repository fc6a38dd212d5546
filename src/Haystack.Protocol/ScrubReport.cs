namespace Haystack.Protocol;

/// <summary>The answer of a store's <c>GET /volumes/{id}/scrub</c>: the volume's scrub status and its open findings.</summary>
public sealed record ScrubReport(uint VolumeId, ScrubStatus Scrub, IReadOnlyList<ScrubFindingReport> Findings);
