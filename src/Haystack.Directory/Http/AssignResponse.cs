namespace Haystack.Directory.Http;

/// <summary>The body of <c>GET /dir/assign</c>: the id to write, where it will be readable, and the replicas to PUT it to.</summary>
public sealed record AssignResponse(string Id, uint Volume, string Url, IReadOnlyList<Location> Locations);
