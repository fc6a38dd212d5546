namespace Haystack.Storage;

/// <summary>The files of one volume inside its Store directory (see FORMAT.md, "Files").</summary>
public sealed record VolumePaths(string Directory, VolumeId VolumeId)
{
    /// <summary>The data file: superblock and needles.</summary>
    public string Data => Path.Combine(Directory, $"{VolumeId}.dat");

    /// <summary>The index file: one record per appended or deleted needle.</summary>
    public string Index => Path.Combine(Directory, $"{VolumeId}.idx");

    /// <summary>The data file a running compaction is writing; it becomes <see cref="Data"/> by rename.</summary>
    public string CompactingData => Path.Combine(Directory, $"{VolumeId}.cpd");

    /// <summary>The index of the compacted data; renamed to <see cref="Index"/> right after the data.</summary>
    public string CompactingIndex => Path.Combine(Directory, $"{VolumeId}.cpx");

    /// <summary>Present when the volume was marked read-only; survives restarts.</summary>
    public string ReadOnlyMarker => Path.Combine(Directory, $"{VolumeId}.readonly");

    /// <summary>Where the scrub of this volume stands and what it found, so a pass resumes after a restart.</summary>
    public string ScrubCheckpoint => Path.Combine(Directory, $"{VolumeId}.scrub");
}
