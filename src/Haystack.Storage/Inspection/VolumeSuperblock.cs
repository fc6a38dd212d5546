namespace Haystack.Storage.Inspection;

/// <summary>The superblock of a data file (FORMAT.md, "Superblock"), as written at creation or by the last compaction.</summary>
/// <param name="ReplicaCount">The replication setting of the logical volume.</param>
/// <param name="CompactionRevision">0 at creation, +1 per compaction; the index names the revision it indexes.</param>
public sealed record VolumeSuperblock(
    VolumeId VolumeId,
    ushort FormatVersion,
    byte ReplicaCount,
    uint CompactionRevision,
    DateTimeOffset CreatedAt);
