using Haystack.Protocol;

namespace Haystack.Directory;

/// <summary>
/// The public URL of a photo: <c>http://&lt;cache node that owns the id&gt;/&lt;photo id&gt;</c>. Without cache
/// nodes (a store-only setup) it points at the first replica, which serves the same GET.
/// </summary>
public sealed class PhotoUrls(CacheNodeRing? caches)
{
    public Uri? CacheOwnerOf(PhotoId id) => caches?.OwnerOf(id);

    public Uri UrlOf(PhotoId id, IReadOnlyList<Uri> replicas) => new(caches?.OwnerOf(id) ?? replicas[0], id.ToString());
}
