using Haystack.Protocol;

namespace Haystack.Directory.Http;

/// <summary>Where one replica's scrub stands, as its store reported it in the latest probe (a row of <c>GET /volumes</c>).</summary>
public sealed record ReplicaScrubEntry(string Store, ScrubStatus? Scrub);
