namespace Haystack.Cache.Http;

internal static class PhotoHeaders
{
    /// <summary><c>HIT</c> when the photo came from this cache's memory, <c>MISS</c> when it was read from a store.</summary>
    public const string CacheStatus = "X-Cache";
}
