namespace Haystack.Client;

/// <summary>A photo the Directory stored on every replica of its volume.</summary>
/// <param name="Id">The photo id to read and delete it by.</param>
/// <param name="Url">Where browsers read it: the owning cache node, or a replica when there is no cache.</param>
/// <param name="Volume">The logical volume it went to.</param>
/// <param name="Size">The bytes stored.</param>
public sealed record UploadedPhoto(PhotoId Id, Uri Url, uint Volume, long Size);
