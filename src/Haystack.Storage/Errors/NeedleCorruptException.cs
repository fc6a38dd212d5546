namespace Haystack.Storage;

/// <summary>
/// A needle failed its header or checksum verification. Its bytes are never returned; the caller should
/// serve another replica and have this one repaired.
/// </summary>
public sealed class NeedleCorruptException(VolumeId volumeId, NeedleId needleId, long offset, string path, string reason)
    : StorageException($"Volume {volumeId}: needle {needleId} at offset {offset} of {path} is corrupt ({reason}). " +
        "Read it from another replica; run `haystack verify` on this volume.")
{
    public VolumeId VolumeId { get; } = volumeId;
    public NeedleId NeedleId { get; } = needleId;
    public long Offset { get; } = offset;
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
