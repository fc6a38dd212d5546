using Haystack.Protocol;

namespace Haystack.Directory.Photos;

/// <summary>A fresh photo id on a writable volume, for a client that writes to <paramref name="Replicas"/> itself.</summary>
public sealed record Assignment(PhotoId Id, Uri Url, IReadOnlyList<Uri> Replicas);
