using Haystack.Protocol;

namespace Haystack.Directory.Photos;

/// <summary>A stored photo: on every one of <paramref name="Replicas"/>, readable at <paramref name="Url"/>.</summary>
public sealed record UploadResult(PhotoId Id, Uri Url, int Size, IReadOnlyList<Uri> Replicas);
