namespace Haystack.Client;

/// <summary>One row of the Directory's volume table.</summary>
/// <param name="Id">The logical volume.</param>
/// <param name="State">What it accepts.</param>
/// <param name="Replicas">The stores holding a replica.</param>
/// <param name="SizeBytes">Bytes used (the largest replica).</param>
/// <param name="SizeLimitBytes">The size limit (the smallest replica's).</param>
/// <param name="FreeBytes">Bytes left below the limit.</param>
/// <param name="Needles">Photos stored, deleted ones included until compaction.</param>
/// <param name="Reason">Why the volume is read-only or degraded, if it is.</param>
/// <param name="NeedsRepair">A replica served corrupt data and must be rebuilt before the volume heals.</param>
public sealed record VolumeInfo(
    uint Id,
    VolumeState State,
    IReadOnlyList<Uri> Replicas,
    long SizeBytes,
    long SizeLimitBytes,
    long FreeBytes,
    long Needles,
    string? Reason,
    bool NeedsRepair);
