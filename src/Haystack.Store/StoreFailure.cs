namespace Haystack.Store;

/// <summary>
/// Why a Store request was refused; each protocol maps it to its own status (docs/store-api.md has the table).
/// </summary>
public enum StoreFailure
{
    /// <summary>Malformed photo id or request field. HTTP 400, gRPC INVALID_ARGUMENT.</summary>
    InvalidArgument,
    /// <summary>No such needle, or a wrong cookie: deliberately indistinguishable. HTTP 404, gRPC NOT_FOUND.</summary>
    NeedleNotFound,
    /// <summary>The volume is not on this store. HTTP 404, gRPC NOT_FOUND.</summary>
    VolumeNotFound,
    /// <summary>The volume already exists. HTTP 409, gRPC ALREADY_EXISTS.</summary>
    VolumeExists,
    /// <summary>The body is larger than the needle limit. HTTP 413, gRPC RESOURCE_EXHAUSTED.</summary>
    TooLarge,
    /// <summary>An upload without Content-Length. HTTP 411 (gRPC messages always carry their length).</summary>
    LengthRequired,
    /// <summary>The volume refuses writes and deletes. HTTP 409, gRPC FAILED_PRECONDITION.</summary>
    ReadOnly,
    /// <summary>The volume reached its size limit. HTTP 507, gRPC RESOURCE_EXHAUSTED.</summary>
    VolumeFull,
    /// <summary>The needle failed its checks; its bytes are withheld. HTTP 500, gRPC DATA_LOSS.</summary>
    Corrupt,
    /// <summary>The volume stopped (closed or failed to sync). HTTP 503, gRPC UNAVAILABLE.</summary>
    Unavailable,
    /// <summary>A pull from a peer store failed: unreachable, an error, or a copy that did not verify. HTTP 502, gRPC UNAVAILABLE.</summary>
    PeerFailed,
}
