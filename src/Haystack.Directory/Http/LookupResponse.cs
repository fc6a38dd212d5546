using Haystack.Directory.Volumes;

namespace Haystack.Directory.Http;

/// <summary>The body of <c>GET /dir/lookup</c>: the volume's state and its replicas, healthy ones first.</summary>
public sealed record LookupResponse(uint Volume, VolumeState State, IReadOnlyList<Location> Locations);
