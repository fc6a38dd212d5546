namespace Haystack.Storage;

/// <summary>
/// Ids deleted while a compaction runs: the copy may already hold them, so the commit re-checks each
/// against the live map. Only touched with the volume's append gate held.
/// </summary>
internal sealed class CompactionDeletes
{
    private readonly HashSet<NeedleId> _ids = [];

    public IReadOnlyCollection<NeedleId> Ids => _ids;

    public void RecordDelete(NeedleId id) => _ids.Add(id);
}
