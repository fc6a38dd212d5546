namespace Haystack.Directory.Photos;

/// <summary>A photo to store: its bytes and content type, and optionally the caller's own key and alternate key.</summary>
public sealed record UploadRequest(ReadOnlyMemory<byte> Data, string? ContentType, ulong? Key = null, uint AlternateKey = 0);
