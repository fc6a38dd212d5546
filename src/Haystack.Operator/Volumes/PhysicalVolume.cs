namespace Haystack.Operator.Volumes;

/// <summary>One physical volume as its store reports it.</summary>
/// <param name="Id">The logical volume id it is a replica of.</param>
/// <param name="SizeBytes">Bytes in the data file, garbage included.</param>
/// <param name="SizeLimitBytes">The size the store lets it grow to.</param>
/// <param name="State">Serving, or Failed when the store could not open it.</param>
public sealed record PhysicalVolume(uint Id, long SizeBytes, long SizeLimitBytes, long NeedleCount, bool ReadOnly, PhysicalVolumeState State)
{
    /// <summary>
    /// Disk the volume may come to hold: a writable volume grows to its limit, a read-only one stays as it is.
    /// Placement counts this, not today's size, so a pod is not filled with volumes that cannot all grow.
    /// </summary>
    public long CommittedBytes => ReadOnly || State == PhysicalVolumeState.Failed ? SizeBytes : Math.Max(SizeBytes, SizeLimitBytes);
}
