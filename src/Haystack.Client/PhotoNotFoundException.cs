using System.Net;

namespace Haystack.Client;

/// <summary>
/// No such photo: never uploaded, deleted, an unknown volume, or a wrong cookie (the servers answer all of these
/// with the same 404, so a wrong cookie is never a hint).
/// </summary>
public sealed class PhotoNotFoundException(PhotoId id, Uri server, string message)
    : HaystackException(message, server, HttpStatusCode.NotFound, isTransient: false)
{
    /// <summary>The id that was asked for.</summary>
    public PhotoId Id { get; } = id;
}
