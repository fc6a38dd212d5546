namespace Haystack.Client.Wire;

/// <summary>The body of <c>GET /dir/lookup</c>: <c>{"volume", "state", "locations": [{"url"}]}</c>.</summary>
internal sealed record LookupAnswer(uint Volume, VolumeState State, IReadOnlyList<LocationAnswer> Locations)
{
    public VolumeLocation ToLocation() => new(Volume, State, [.. Locations.Select(location => location.Url)]);
}
