namespace Haystack.Storage;

/// <summary>The volume was disposed, or failed to make data durable and stopped accepting work.</summary>
public sealed class VolumeClosedException(VolumeId volumeId, string reason, Exception? inner = null)
    : StorageException($"Volume {volumeId} is closed: {reason}", inner)
{
    public VolumeId VolumeId { get; } = volumeId;
}
