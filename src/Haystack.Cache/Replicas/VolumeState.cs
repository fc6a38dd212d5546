namespace Haystack.Cache.Replicas;

/// <summary>A logical volume's state in the Directory's table; anything unknown is treated as not writable.</summary>
public enum VolumeState
{
    Writable,
    ReadOnly,
    Degraded,
    Unknown,
}
