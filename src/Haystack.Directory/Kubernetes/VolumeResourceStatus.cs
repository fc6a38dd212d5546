namespace Haystack.Directory.Kubernetes;

/// <summary>The status fields of a <c>Volume</c> the Directory reads (placements) and writes (phase, figures).</summary>
public sealed class VolumeResourceStatus
{
    /// <summary>Writable, ReadOnly, Degraded, Rebuilding or Compacting.</summary>
    public string? Phase { get; set; }

    public IList<VolumeResourcePlacement>? Placements { get; set; }

    public long Bytes { get; set; }

    public long Needles { get; set; }
}
