namespace Haystack.Cache.Memory;

/// <summary>A photo body as the cache keeps and serves it: the bytes plus the headers a reply needs.</summary>
/// <param name="ETag">The store's entity tag without quotes (its stored CRC32C as 8 hex digits).</param>
public sealed record CachedPhoto(byte[] Data, string ContentType, string ETag);
