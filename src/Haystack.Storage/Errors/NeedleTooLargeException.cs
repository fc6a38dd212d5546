namespace Haystack.Storage;

/// <summary>The needle's data exceeds the volume's configured maximum needle size.</summary>
public sealed class NeedleTooLargeException(VolumeId volumeId, NeedleId needleId, long dataBytes, long maxBytes)
    : StorageException($"Volume {volumeId}: needle {needleId} has {dataBytes} bytes of data, the limit is {maxBytes}.")
{
    public VolumeId VolumeId { get; } = volumeId;
    public NeedleId NeedleId { get; } = needleId;
    public long MaxBytes { get; } = maxBytes;
}
