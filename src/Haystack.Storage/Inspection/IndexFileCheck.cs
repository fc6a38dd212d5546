namespace Haystack.Storage.Inspection;

/// <summary>
/// The result of <see cref="VolumeFileInspector.CheckIndex"/>. An index that fails loses no data: the
/// Store rebuilds it from the data file, or <see cref="Volume.RebuildIndexAsync"/> does.
/// </summary>
/// <param name="Path">The index file checked.</param>
/// <param name="Exists">False when there is no index file at <paramref name="Path"/>.</param>
/// <param name="ValidRecords">Records that verified and name a needle the data file holds, before the first problem.</param>
/// <param name="Problem">The first thing wrong (missing, header, a record), or null when the index is consistent.</param>
/// <param name="UnindexedBytes">
/// Data file bytes after the last needle a put record names: needles appended since the index was last
/// written (a crash, or a Store writing right now); recovery indexes them.
/// </param>
public sealed record IndexFileCheck(string Path, bool Exists, long ValidRecords, string? Problem, long UnindexedBytes)
{
    public bool IsConsistent => Problem is null;
}
