namespace Haystack.Client;

/// <summary>Optional parts of an upload's photo id (the Directory picks the volume and the cookie).</summary>
public sealed class UploadOptions
{
    /// <summary>The caller's own key instead of the Directory's sequence (it must not collide with other photos).</summary>
    public ulong? Key { get; init; }

    /// <summary>The alternate key, e.g. a size variant of a photo uploaded earlier under the same key; 0 for none.</summary>
    public uint AlternateKey { get; init; }
}
