namespace Haystack.Commands.VolumeFiles;

/// <summary>The first 64 bytes of a volume file, as written when the volume was created or last compacted.</summary>
internal sealed record VolumeFileSuperblock(uint VolumeId, byte ReplicaCount, uint CompactionRevision, DateTimeOffset CreatedAt);
