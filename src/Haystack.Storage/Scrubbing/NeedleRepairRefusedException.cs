namespace Haystack.Storage;

/// <summary>
/// A needle cannot be repaired in place on this volume because its data file is shorter than the volume's end (cut
/// short by damage): a write there would leave a hole of zeros. The replica must be rebuilt whole from a healthy one.
/// </summary>
public sealed class NeedleRepairRefusedException(VolumeId volumeId, NeedleId needleId, string reason)
    : StorageException($"Volume {volumeId}: needle {needleId} cannot be repaired in place ({reason}); rebuild this replica whole from a healthy one.")
{
    public VolumeId VolumeId { get; } = volumeId;
    public NeedleId NeedleId { get; } = needleId;
}
