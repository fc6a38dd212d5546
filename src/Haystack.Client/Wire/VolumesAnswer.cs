namespace Haystack.Client.Wire;

/// <summary>The body of <c>GET /volumes</c>.</summary>
internal sealed record VolumesAnswer(IReadOnlyList<VolumeInfo> Volumes);
