namespace Haystack.Storage;

/// <summary>The caller offered a needle the format cannot hold (empty, too large, bad content type).</summary>
public sealed class InvalidNeedleException(VolumeId volumeId, NeedleId needleId, string problem)
    : StorageException($"Volume {volumeId}: needle {needleId} refused: {problem}")
{
    public VolumeId VolumeId { get; } = volumeId;
    public NeedleId NeedleId { get; } = needleId;
}
