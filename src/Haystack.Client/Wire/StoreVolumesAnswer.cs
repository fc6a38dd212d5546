namespace Haystack.Client.Wire;

/// <summary>The body of a store's <c>GET /volumes</c>.</summary>
internal sealed record StoreVolumesAnswer(IReadOnlyList<StoreVolumeStatus> Volumes);
