namespace Haystack.Storage;

/// <summary>The write would take the data file past its size limit.</summary>
public sealed class VolumeFullException(VolumeId volumeId, long sizeBytes, long needleBytes, long limitBytes)
    : StorageException($"Volume {volumeId} is full: {sizeBytes} bytes used, a {needleBytes}-byte needle would exceed " +
        $"the {limitBytes}-byte limit. Write to another volume; compaction may free space.")
{
    public VolumeId VolumeId { get; } = volumeId;
}
