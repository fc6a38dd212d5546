namespace Haystack.Directory.Http;

/// <summary>The body of a successful upload (201).</summary>
public sealed record UploadResponse(string Id, string Url, uint Volume, int Size);
