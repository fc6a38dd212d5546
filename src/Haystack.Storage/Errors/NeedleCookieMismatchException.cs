namespace Haystack.Storage;

/// <summary>
/// A write names a needle that is live with another cookie: taking it would let anyone who can guess a key replace
/// someone's photo. A replacement must carry the cookie the needle was written with.
/// </summary>
public sealed class NeedleCookieMismatchException(VolumeId volumeId, NeedleId needleId)
    : StorageException($"Volume {volumeId}: needle {needleId} already holds a photo with another cookie; nothing was stored. " +
        "Replace it with the photo id it was written under, or write to a new key.")
{
    public VolumeId VolumeId { get; } = volumeId;
    public NeedleId NeedleId { get; } = needleId;
}
