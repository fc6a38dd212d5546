namespace Haystack.Cache.Replicas;

public enum FetchStatus
{
    /// <summary>A replica returned the photo.</summary>
    Found,
    /// <summary>Every replica said 404, or the Directory does not know the volume.</summary>
    NotFound,
    /// <summary>No replica could serve it (down, timed out, corrupt), or the Directory could not be asked.</summary>
    Unavailable,
}
