namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>
    /// Rebuilds the volume's index file from its data file with recovery's own scan (FORMAT.md, "Recovery",
    /// step 5), then closes the volume. Like any open it also finishes or discards an interrupted compaction
    /// and cuts a torn tail (bytes no writer was ever told are stored).
    /// The volume must not be open anywhere else — stop the Store serving it first. The data file's exclusive
    /// lock is taken before any file is touched, so while another process holds the volume this throws
    /// <see cref="IOException"/> and changes nothing.
    /// </summary>
    /// <param name="keepOldIndexAs">Where to move the old index file first, or null to replace it.</param>
    public static async Task<IndexRebuildReport> RebuildIndexAsync(string directory, VolumeId id, string? keepOldIndexAs = null)
    {
        var options = new VolumeOptions();
        var paths = new VolumePaths(directory, id);
        if (!File.Exists(paths.Data))
        {
            throw new FileNotFoundException($"Volume {id} has no data file in {directory}.", paths.Data);
        }
        var (generation, report) = VolumeRecovery.Open(paths, options, rebuildIndex: true, keepOldIndexAs);
        await using var volume = new Volume(paths, options, generation, report, File.Exists(paths.ReadOnlyMarker));
        return new IndexRebuildReport(report, volume.Stats);
    }
}
