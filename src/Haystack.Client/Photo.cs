namespace Haystack.Client;

/// <summary>A photo as read from a cache or a store.</summary>
/// <param name="Id">The id it was read by.</param>
/// <param name="Data">The bytes.</param>
/// <param name="ContentType">The content type stored at upload, if the server sent one.</param>
/// <param name="ETag">The entity tag (the stored checksum), if the server sent one.</param>
/// <param name="Source">The server that served it: the cache, or the replica's store.</param>
/// <param name="CacheStatus">The cache's <c>X-Cache</c> header (<c>HIT</c> or <c>MISS</c>); null when read from a store.</param>
public sealed record Photo(PhotoId Id, byte[] Data, string? ContentType, string? ETag, Uri Source, string? CacheStatus);
