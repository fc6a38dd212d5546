namespace Haystack.Directory.Volumes;

/// <summary>
/// The Directory's logical volume table in memory, persisted through an <see cref="IVolumeTableSource"/>:
/// state changes and new volumes are saved before they are acted on; size figures, which every probe
/// refreshes, are saved with <see cref="SaveFiguresAsync"/>. Changes others make arrive through <see cref="Apply"/>.
/// </summary>
public sealed class VolumeTable
{
    private readonly IVolumeTableSource _source;
    private readonly Lock _sync = new();

    private readonly SortedDictionary<uint, LogicalVolume> _volumes = [];

    /// <summary>An empty table over <paramref name="source"/>; <see cref="LoadAsync"/> fills it.</summary>
    public VolumeTable(IVolumeTableSource source)
    {
        _source = source;
    }

    /// <summary>Where the table is kept, for messages.</summary>
    public string SourceDescription => _source.Description;

    /// <summary>Replaces the table with what the source saved; refuses a source that lists an id twice.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = await _source.LoadAsync(cancellationToken);
        var duplicate = loaded.GroupBy(v => v.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The {_source.Description} lists volume {duplicate.Key} twice; remove one of the entries.");
        }
        lock (_sync)
        {
            _volumes.Clear();
            foreach (var volume in loaded)
            {
                _volumes[volume.Id] = volume;
            }
        }
    }

    /// <summary>Every logical volume in id order.</summary>
    public IReadOnlyList<LogicalVolume> List()
    {
        lock (_sync)
        {
            return [.. _volumes.Values];
        }
    }

    public LogicalVolume? Find(uint volumeId)
    {
        lock (_sync)
        {
            return _volumes.GetValueOrDefault(volumeId);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to one volume and, when it changed anything but the size figures,
    /// saves it before returning. Returns the volume as it is now, or null when it does not exist.
    /// </summary>
    public async Task<LogicalVolume?> UpdateAsync(uint volumeId, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken)
    {
        LogicalVolume before;
        LogicalVolume after;
        lock (_sync)
        {
            if (!_volumes.TryGetValue(volumeId, out var current))
            {
                return null;
            }
            before = current;
            after = change(current);
            _volumes[volumeId] = after;
        }
        if (!SameState(before, after))
        {
            var stored = await _source.SaveAsync(after, change, cancellationToken);
            if (!SameState(stored, after))
            {
                Apply(stored);
                return Find(volumeId);
            }
        }
        return after;
    }

    /// <summary>Adds a new volume and saves it; refuses an id the table already holds.</summary>
    public async Task AddAsync(LogicalVolume volume, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_volumes.TryAdd(volume.Id, volume))
            {
                throw new InvalidOperationException($"Volume {volume.Id} is already in the volume table.");
            }
        }
        await _source.SaveAsync(volume, _ => volume, cancellationToken);
    }

    /// <summary>
    /// Takes over a volume as another writer stored it: its state, reason and replicas; the size figures stay
    /// this table's own while it has them, as the probes refresh them more often than anyone saves them.
    /// </summary>
    public void Apply(LogicalVolume stored)
    {
        lock (_sync)
        {
            _volumes[stored.Id] = _volumes.TryGetValue(stored.Id, out var known) && known.SizeLimitBytes > 0
                ? stored with { SizeBytes = known.SizeBytes, SizeLimitBytes = known.SizeLimitBytes, NeedleCount = known.NeedleCount }
                : stored;
        }
    }

    /// <summary>Drops a volume another writer removed.</summary>
    public void Remove(uint volumeId)
    {
        lock (_sync)
        {
            _volumes.Remove(volumeId);
        }
    }

    /// <summary>Saves the size figures as they are now.</summary>
    public Task SaveFiguresAsync(CancellationToken cancellationToken) => _source.SaveFiguresAsync(List(), cancellationToken);

    /// <summary>Feeds other writers' changes into the table until cancelled (see <see cref="IVolumeTableSource.FollowAsync"/>).</summary>
    public Task FollowAsync(CancellationToken cancellationToken) => _source.FollowAsync(this, cancellationToken);

    private static bool SameState(LogicalVolume a, LogicalVolume b) =>
        a.State == b.State && a.Reason == b.Reason && a.NeedsRepair == b.NeedsRepair && a.Replicas.SequenceEqual(b.Replicas);
}
