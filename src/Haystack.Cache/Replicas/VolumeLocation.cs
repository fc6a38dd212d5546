namespace Haystack.Cache.Replicas;

/// <summary>Where a logical volume's replicas live and whether it takes writes, as the Directory answered.</summary>
public sealed record VolumeLocation(uint VolumeId, VolumeState State, IReadOnlyList<Uri> Replicas)
{
    /// <summary>The paper's rule caches only photos of write-enabled volumes: recent uploads, the hot ones.</summary>
    public bool IsWritable => State == VolumeState.Writable;
}
