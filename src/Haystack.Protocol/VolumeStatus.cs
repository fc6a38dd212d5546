namespace Haystack.Protocol;

/// <summary>
/// One volume as the admin endpoints and /stats report it (snake_case JSON). <see cref="Scrub"/> is where the store's
/// background scrub of the volume stands (null from a store that does not scrub).
/// </summary>
public sealed record VolumeStatus(
    uint VolumeId,
    long SizeBytes,
    long SizeLimitBytes,
    long FreeBytes,
    long NeedleCount,
    long LiveBytes,
    long GarbageNeedleCount,
    long GarbageBytes,
    double GarbageRatio,
    bool ReadOnly,
    uint CompactionRevision,
    int ReplicaCount,
    ScrubStatus? Scrub = null);
