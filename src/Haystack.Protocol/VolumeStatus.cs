namespace Haystack.Protocol;

/// <summary>One volume as the admin endpoints and /stats report it (snake_case JSON).</summary>
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
    int ReplicaCount);
