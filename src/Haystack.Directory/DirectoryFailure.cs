namespace Haystack.Directory;

/// <summary>Why the Directory refused a request; HTTP and gRPC each map it to their status.</summary>
public enum DirectoryFailure
{
    /// <summary>Malformed photo id, volume, key or body. HTTP 400, gRPC INVALID_ARGUMENT.</summary>
    InvalidArgument,
    /// <summary>Unknown volume, or no replica holds the photo. HTTP 404, gRPC NOT_FOUND.</summary>
    NotFound,
    /// <summary>The caller's key already holds another photo on the volume (the store refused it: cookie). HTTP 409, gRPC ALREADY_EXISTS.</summary>
    KeyTaken,
    /// <summary>The upload is larger than the limit. HTTP 413, gRPC RESOURCE_EXHAUSTED.</summary>
    TooLarge,
    /// <summary>No writable volume could take the upload, or the stores could not be reached. HTTP 503, gRPC UNAVAILABLE.</summary>
    Unavailable,
}
