using Haystack.Storage;

namespace Haystack.Store.Scrub;

/// <summary>
/// The scrub state of one open volume: its checkpoint (saved in <c>&lt;id&gt;.scrub</c> after every step and repair) and
/// whether an administrator asked for a pass now. The scrub loop and the repair endpoint change it; a lock keeps the
/// two apart and one save runs at a time, always writing the newest state.
/// </summary>
internal sealed class VolumeScrub(Volume volume, ScrubCheckpoint checkpoint)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private ScrubCheckpoint _checkpoint = checkpoint;
    private volatile bool _requested;

    public Volume Volume { get; } = volume;

    public ScrubCheckpoint Checkpoint
    {
        get
        {
            lock (_lock)
            {
                return _checkpoint;
            }
        }
    }

    public bool Requested => _requested;

    /// <summary>A fresh state for a volume without a readable checkpoint: its first pass is due now.</summary>
    public static VolumeScrub Load(Volume volume)
    {
        var saved = ScrubCheckpoint.Load(volume.Paths);
        return new(volume, saved is not null && saved.Offset <= volume.Stats.SizeBytes
            ? saved
            : new ScrubCheckpoint { CompactionRevision = volume.Stats.CompactionRevision });
    }

    /// <summary>When the next step is due: now for a pass in progress or asked for, else a pass interval after the last.</summary>
    public DateTimeOffset DueAt(TimeSpan passInterval)
    {
        var current = Checkpoint;
        return _requested || current.PassStarted is not null || current.LastPassCompleted is not { } last
            ? DateTimeOffset.MinValue
            : last + passInterval;
    }

    public void Request() => _requested = true;

    /// <summary>
    /// The offset the next step starts at, after starting a new pass when none is in progress, one was asked for, or a
    /// compaction moved the needles (<paramref name="revision"/>).
    /// </summary>
    public long NextOffset(uint revision, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_requested || _checkpoint.PassStarted is null || _checkpoint.CompactionRevision != revision)
            {
                _requested = false;
                _checkpoint = _checkpoint with
                {
                    CompactionRevision = revision,
                    Offset = 0,
                    PassStarted = now,
                    Findings = _checkpoint.CompactionRevision == revision ? _checkpoint.Findings : [],
                };
            }
            return _checkpoint.Offset;
        }
    }

    /// <summary>
    /// Takes in a step's outcome: its findings replace the earlier ones in the range it checked (a needle found damaged
    /// before keeps its first finding time). Returns the findings that are new, or null when a compaction ran meanwhile
    /// and the step is dropped (the next one starts a new pass).
    /// </summary>
    public IReadOnlyList<ScrubFinding>? Apply(ScrubStep step, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (step.CompactionRevision != _checkpoint.CompactionRevision)
            {
                _checkpoint = _checkpoint with { PassStarted = null };
                return null;
            }
            var earlier = _checkpoint.Findings.ToDictionary(f => f.Id);
            var outside = _checkpoint.Findings.Where(f => f.Offset < step.From || f.Offset >= step.To);
            var found = step.Findings.Select(f => earlier.TryGetValue(f.Id, out var before) && before.Offset == f.Offset ? f with { FoundAt = before.FoundAt } : f).ToArray();
            var fresh = found.Where(f => !earlier.ContainsKey(f.Id)).ToArray();
            _checkpoint = _checkpoint with
            {
                Offset = step.To,
                Findings = [.. outside.Where(f => found.All(n => n.Id != f.Id)).Concat(found)],
            };
            if (step.ReachedEnd)
            {
                _checkpoint = _checkpoint with { PassStarted = null, LastPassCompleted = now, Passes = _checkpoint.Passes + 1 };
            }
            return fresh;
        }
    }

    /// <summary>Adds what a read found damaged, unless the needle is already listed; true when it is new.</summary>
    public bool AddFinding(ScrubFinding finding)
    {
        lock (_lock)
        {
            if (_checkpoint.Findings.Any(f => f.Id == finding.Id))
            {
                return false;
            }
            _checkpoint = _checkpoint with { Findings = [.. _checkpoint.Findings, finding] };
            return true;
        }
    }

    /// <summary>The needle is sound again (repaired, found intact or deleted): its finding goes; a write counts as a repair.</summary>
    public ScrubFinding? Resolve(NeedleId id, bool written)
    {
        lock (_lock)
        {
            var finding = _checkpoint.Findings.FirstOrDefault(f => f.Id == id);
            _checkpoint = _checkpoint with
            {
                Findings = [.. _checkpoint.Findings.Where(f => f.Id != id)],
                Repairs = _checkpoint.Repairs + (written ? 1 : 0),
            };
            return finding;
        }
    }

    /// <summary>Saves the newest state on the thread pool (it flushes a file and the directory).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken);
        try
        {
            // A closed volume's state is stale: a replaced replica starts over from its own (discarded) checkpoint. The
            // check runs under the checkpoint's lock, so a rebuild's discard cannot fall between it and the save.
            await Task.Run(() => Checkpoint.Save(Volume.Paths, () => !Volume.IsClosed), CancellationToken.None);
        }
        finally
        {
            _saving.Release();
        }
    }
}
