using System.Text.Json.Serialization;

namespace Haystack.Store.Http;

/// <summary>The body of a successful upload (201): the canonical photo id, its size and entity tag.</summary>
public sealed record WriteResult(
    [property: JsonPropertyName("photo_id")] string PhotoId,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("etag")] string ETag);
