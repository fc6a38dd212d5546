namespace Haystack.Storage;

/// <summary>The volume no longer accepts writes or deletes.</summary>
public sealed class VolumeReadOnlyException(VolumeId volumeId, string reason)
    : StorageException($"Volume {volumeId} is read-only ({reason}); write to another volume.")
{
    public VolumeId VolumeId { get; } = volumeId;
}
