using System.Net;

namespace Haystack.Client;

/// <summary>What one replica's store said about a photo when asked with <c>HEAD</c>.</summary>
/// <param name="Store">The store's base URL.</param>
/// <param name="Status">Its answer (200: it holds the photo, 404: it does not); null when it could not be reached.</param>
/// <param name="Size">The photo's size, when the store holds it.</param>
/// <param name="ETag">The photo's entity tag, when the store holds it.</param>
public sealed record ReplicaProbe(Uri Store, HttpStatusCode? Status, long? Size, string? ETag)
{
    /// <summary>The store answered that it holds the photo.</summary>
    public bool Holds => Status == HttpStatusCode.OK;
}
