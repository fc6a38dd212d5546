namespace Haystack.Client.Wire;

/// <summary>The Directory's body for a stored upload (201).</summary>
internal sealed record UploadAnswer(string Id, Uri Url, uint Volume, long Size);
