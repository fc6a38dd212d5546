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
/// <param name="NeedsRepair">A replica has damaged or missing needles; the Directory repairs them and the flag clears itself.</param>
/// <param name="Scrub">Each replica's scrub progress (null from a Directory that does not report it).</param>
/// <param name="Repairs">What the Directory repaired in this volume; null when nothing.</param>
public sealed record VolumeInfo(
    uint Id,
    VolumeState State,
    IReadOnlyList<Uri> Replicas,
    long SizeBytes,
    long SizeLimitBytes,
    long FreeBytes,
    long Needles,
    string? Reason,
    bool NeedsRepair,
    IReadOnlyList<ReplicaScrub>? Scrub = null,
    VolumeRepairs? Repairs = null);
