using Haystack.Cache.Memory;

namespace Haystack.Cache;

/// <summary>What a read of one photo produced, for the HTTP layer to turn into a response.</summary>
/// <param name="Hit">Served from memory (<c>X-Cache: HIT</c>).</param>
/// <param name="Error">When <paramref name="Photo"/> is null and the photo is not simply missing: why no replica could serve it.</param>
public sealed record PhotoRead(CachedPhoto? Photo, bool Hit, string? Error)
{
    public bool IsNotFound => Photo is null && Error is null;
}
