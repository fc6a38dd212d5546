namespace Haystack.Directory.Volumes;

/// <summary>
/// The Directory's logical volume table in memory, persisted through an <see cref="IVolumeTableSource"/>:
/// state changes and new volumes are saved before they are acted on; size figures, which every probe
/// refreshes, are saved with the next save. Also hands out photo keys from a persisted, increasing sequence.
/// </summary>
public sealed class VolumeTable
{
    /// <summary>Keys are reserved this many at a time, so the table is saved once per block, not per upload.</summary>
    public const ulong KeyReservationBlock = 10_000;

    private readonly IVolumeTableSource source;
    private readonly Lock sync = new();
    private readonly SemaphoreSlim saveGate = new(1, 1);
    private readonly SortedDictionary<uint, LogicalVolume> volumes;
    private ulong nextKey;
    private ulong reservedKeys;
    private ulong savedReservedKeys;

    private VolumeTable(IVolumeTableSource source, VolumeTableSnapshot snapshot)
    {
        this.source = source;
        volumes = new SortedDictionary<uint, LogicalVolume>(snapshot.Volumes.ToDictionary(v => v.Id));
        nextKey = reservedKeys = savedReservedKeys = Math.Max(1, snapshot.ReservedKeys);
    }

    /// <summary>Where the table is kept, for messages.</summary>
    public string SourceDescription => source.Description;

    /// <summary>The next key the sequence will hand out.</summary>
    public ulong NextKey
    {
        get
        {
            lock (sync)
            {
                return nextKey;
            }
        }
    }

    public static async Task<VolumeTable> LoadAsync(IVolumeTableSource source, CancellationToken cancellationToken)
    {
        var snapshot = await source.LoadAsync(cancellationToken);
        var duplicate = snapshot.Volumes.GroupBy(v => v.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The {source.Description} lists volume {duplicate.Key} twice; remove one of the entries.");
        }
        return new VolumeTable(source, snapshot);
    }

    /// <summary>Every logical volume in id order.</summary>
    public IReadOnlyList<LogicalVolume> List()
    {
        lock (sync)
        {
            return [.. volumes.Values];
        }
    }

    public LogicalVolume? Find(uint volumeId)
    {
        lock (sync)
        {
            return volumes.GetValueOrDefault(volumeId);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to one volume and, when it changed anything but the size figures,
    /// saves the table before returning. Returns the volume as it is now, or null when it does not exist.
    /// </summary>
    public async Task<LogicalVolume?> UpdateAsync(uint volumeId, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken)
    {
        LogicalVolume before;
        LogicalVolume after;
        lock (sync)
        {
            if (!volumes.TryGetValue(volumeId, out var current))
            {
                return null;
            }
            before = current;
            after = change(current);
            volumes[volumeId] = after;
        }
        if (before.State != after.State || before.Reason != after.Reason || before.NeedsRepair != after.NeedsRepair || !before.Replicas.SequenceEqual(after.Replicas))
        {
            await SaveAsync(cancellationToken);
        }
        return after;
    }

    /// <summary>Adds a new volume and saves the table; refuses an id the table already holds.</summary>
    public async Task AddAsync(LogicalVolume volume, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (!volumes.TryAdd(volume.Id, volume))
            {
                throw new InvalidOperationException($"Volume {volume.Id} is already in the volume table.");
            }
        }
        await SaveAsync(cancellationToken);
    }

    /// <summary>The next photo key: increasing, and never handed out twice, also across restarts.</summary>
    public async Task<ulong> NextKeyAsync(CancellationToken cancellationToken)
    {
        ulong key;
        bool mustSave;
        lock (sync)
        {
            if (nextKey >= reservedKeys)
            {
                reservedKeys = nextKey + KeyReservationBlock;
            }
            key = nextKey++;
            mustSave = key >= savedReservedKeys;
        }
        // The key may only leave once a restart can no longer hand it out again.
        if (mustSave)
        {
            await SaveAsync(cancellationToken);
        }
        return key;
    }

    /// <summary>Saves the table as it is now; concurrent saves are serialised, so the newest state always wins.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await saveGate.WaitAsync(cancellationToken);
        try
        {
            VolumeTableSnapshot snapshot;
            lock (sync)
            {
                snapshot = new VolumeTableSnapshot(reservedKeys, [.. volumes.Values]);
            }
            await source.SaveAsync(snapshot, cancellationToken);
            lock (sync)
            {
                savedReservedKeys = Math.Max(savedReservedKeys, snapshot.ReservedKeys);
            }
        }
        finally
        {
            saveGate.Release();
        }
    }
}
