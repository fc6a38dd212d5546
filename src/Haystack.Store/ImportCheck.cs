using Haystack.Storage;
using Haystack.Storage.Inspection;

namespace Haystack.Store;

/// <summary>
/// What a received data file must pass before it becomes a served replica: it is the volume asked for, every
/// needle's footer and CRC-32C verify, no bytes past the last needle, and the index built from it has one
/// consistent record per needle. The file sits in a staging directory meanwhile, so a failure serves nothing.
/// </summary>
internal static class ImportCheck
{
    /// <summary>Verifies the staged volume and writes its index beside it; throws <see cref="StoreException"/> saying what failed.</summary>
    public static async Task<VolumeStats> VerifyAsync(string stagingDirectory, VolumeId id)
    {
        var paths = new VolumePaths(stagingDirectory, id);
        var (needles, deleted) = CheckNeedles(paths.Data, id);
        // One put record per needle, and a tombstone after it for each needle whose deleted flag is set.
        var records = needles + deleted;
        var rebuilt = await Volume.RebuildIndexAsync(stagingDirectory, id);
        using var inspector = VolumeFileInspector.Open(paths.Data);
        var index = inspector.CheckIndex(paths.Index);
        if (!index.IsConsistent || index.ValidRecords != records || index.UnindexedBytes != 0)
        {
            throw Refused(id, $"the index built from it does not match its {needles} needles, {deleted} of them deleted ({index.Problem ?? $"{index.ValidRecords} records, {index.UnindexedBytes} bytes unindexed"})");
        }
        return rebuilt.Stats;
    }

    /// <summary>The needles of the data file and how many carry the deleted flag, each verified; throws at the first that fails.</summary>
    private static (long Needles, long Deleted) CheckNeedles(string dataFile, VolumeId id)
    {
        using var inspector = VolumeFileInspector.Open(dataFile);
        if (inspector.Superblock.VolumeId != id)
        {
            throw Refused(id, $"the bytes are volume {inspector.Superblock.VolumeId}");
        }
        long needles = 0;
        long deleted = 0;
        var scan = inspector.ScanNeedles();
        foreach (var needle in scan)
        {
            if (!needle.IsIntact)
            {
                throw Refused(id, $"needle {needle.Id} at offset {needle.Location.Offset} fails its checks ({needle.Problem})");
            }
            needles++;
            deleted += needle.IsDeleted ? 1 : 0;
        }
        if (scan.UnreadableTail is { } tail)
        {
            throw Refused(id, $"the {tail.Length} bytes from offset {tail.Offset} are not a needle ({tail.Problem})");
        }
        return (needles, deleted);
    }

    private static StoreException Refused(VolumeId id, string why) =>
        new(StoreFailure.InvalidArgument, $"Volume {id}: the received copy failed verification: {why}; nothing was imported.");
}
