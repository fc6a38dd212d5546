using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Haystack.Storage;
using Microsoft.Extensions.Logging;

namespace Haystack.Store;

/// <summary>
/// The volumes of one Store directory: discovered and opened in parallel at start-up (each runs its own crash
/// recovery), created on request, looked up by id for every needle operation, closed together.
/// </summary>
public sealed partial class VolumeSet : IAsyncDisposable
{
    private const string DataFileExtension = ".dat";

    private readonly StoreOptions _options;
    private readonly ILogger<VolumeSet> _logger;
    private readonly Func<string, VolumeId, VolumeOptions, Volume> _openVolume;
    private readonly ConcurrentDictionary<uint, Volume> _volumes = new();
    private readonly ConcurrentDictionary<uint, string> _failedVolumes = new();
    private readonly ConcurrentDictionary<uint, bool> _importing = new();
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _loaded;

    public VolumeSet(StoreOptions options, ILogger<VolumeSet> logger)
        : this(options, logger, Volume.Open)
    {
    }

    /// <summary>Tests pass their own <paramref name="openVolume"/> to observe how opens overlap.</summary>
    internal VolumeSet(StoreOptions options, ILogger<VolumeSet> logger, Func<string, VolumeId, VolumeOptions, Volume> openVolume)
    {
        _options = options;
        _logger = logger;
        _openVolume = openVolume;
    }

    /// <summary>True once every volume found at start-up was opened (or failed to); /readyz reports it.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Volumes whose files exist but could not be opened, with the reason; they serve nothing.</summary>
    public IReadOnlyDictionary<uint, string> FailedVolumes => _failedVolumes;

    public int Count => _volumes.Count;

    /// <summary>Opens every volume in the data directory, several at a time, then creates the requested ones.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.DataDirectory);
        DiscardStagedImports();
        var started = Stopwatch.GetTimestamp();
        var found = DiscoverVolumeIds(_options.DataDirectory);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(found, parallel, (id, _) =>
        {
            Open(id);
            return ValueTask.CompletedTask;
        });

        foreach (var id in _options.VolumesToCreate.Where(id => !_volumes.ContainsKey(id) && !_failedVolumes.ContainsKey(id)))
        {
            await CreateAsync(id, _options.Volume.ReplicaCount, cancellationToken);
        }
        _loaded = true;
        _logger.LogInformation("Loaded {Count} volumes from {Directory} in {Elapsed}; {Failed} failed",
            _volumes.Count, _options.DataDirectory, Stopwatch.GetElapsedTime(started), _failedVolumes.Count);
    }

    /// <summary>The open volume with this id, or a <see cref="StoreException"/> the client can act on.</summary>
    public Volume Get(uint volumeId)
    {
        if (_volumes.TryGetValue(volumeId, out var volume))
        {
            return volume;
        }
        if (_failedVolumes.TryGetValue(volumeId, out var reason))
        {
            throw new StoreException(StoreFailure.Unavailable, $"Volume {volumeId} failed to open on this store: {reason}");
        }
        if (!_loaded)
        {
            throw new StoreException(StoreFailure.Unavailable, $"Volume {volumeId} is not loaded yet: the store is still opening its volumes; retry shortly.");
        }
        throw new StoreException(StoreFailure.VolumeNotFound, $"Volume {volumeId} is not on this store.");
    }

    /// <summary>The open volumes in id order.</summary>
    public IReadOnlyList<Volume> List() => [.. _volumes.Values.OrderBy(v => v.Id.Value)];

    /// <summary>Marks the volume read-only for good (a marker file, flushed); a thread-pool job, since flushing blocks.</summary>
    public async Task<Volume> MarkReadOnlyAsync(uint volumeId)
    {
        var volume = Get(volumeId);
        await Task.Run(volume.MarkReadOnly);
        return volume;
    }

    /// <summary>Creates an empty volume with the store's settings; refuses an id this directory already holds.</summary>
    public async Task<Volume> CreateAsync(uint volumeId, byte replicaCount, CancellationToken cancellationToken)
    {
        if (replicaCount == 0)
        {
            throw new StoreException(StoreFailure.InvalidArgument, $"Volume {volumeId}: the replica count must be at least 1.");
        }
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            var id = new VolumeId(volumeId);
            if (Holds(volumeId))
            {
                throw new StoreException(StoreFailure.VolumeExists, $"Volume {volumeId} already exists on this store.");
            }
            // Creating files, preallocating and flushing block; requests may run on a socket thread (see StoreServer).
            var volume = await Task.Run(() => Volume.Create(_options.DataDirectory, id, _options.Volume with { ReplicaCount = replicaCount }), cancellationToken);
            _volumes[volumeId] = volume;
            _logger.LogInformation("Created volume {VolumeId} in {Directory}", volumeId, _options.DataDirectory);
            return volume;
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>
    /// Closes the volume and deletes its files (a failed volume's files too): the operator drops a replica it has
    /// rebuilt elsewhere. The data file goes first, so a crash midway leaves no volume, only stray files a later
    /// create or import replaces.
    /// </summary>
    public async Task DeleteAsync(uint volumeId, CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (_importing.ContainsKey(volumeId))
            {
                throw new StoreException(StoreFailure.VolumeExists, $"Volume {volumeId} is being imported; delete it once the import has answered.");
            }
            var failed = _failedVolumes.TryRemove(volumeId, out _);
            if (!_volumes.TryRemove(volumeId, out var volume) && !failed)
            {
                // Neither open nor failed: Get throws why (not on this store, or not loaded yet).
                _ = Get(volumeId);
            }
            if (volume is not null)
            {
                await volume.DisposeAsync();
            }
            var paths = new VolumePaths(_options.DataDirectory, new VolumeId(volumeId));
            foreach (var file in new[] { paths.Data, paths.CompactingData, paths.Index, paths.CompactingIndex, paths.ReadOnlyMarker })
            {
                File.Delete(file);
            }
            ScrubCheckpoint.Discard(paths);
            _logger.LogWarning("Deleted volume {VolumeId} from {Directory}", volumeId, _options.DataDirectory);
        }
        finally
        {
            _createGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var open = _volumes.Values.ToArray();
        _volumes.Clear();
        await Task.WhenAll(open.Select(v => v.DisposeAsync().AsTask()));
        _createGate.Dispose();
    }

    private void Open(uint volumeId)
    {
        try
        {
            var volume = _openVolume(_options.DataDirectory, new VolumeId(volumeId), _options.Volume);
            _volumes[volumeId] = volume;
            var recovery = volume.Recovery;
            if (recovery.NeedlesScanned > 0 || recovery.TruncatedBytes > 0 || recovery.IndexRebuildReason is not null || recovery.CompactionResolution is not null)
            {
                _logger.LogWarning("Volume {VolumeId} recovered: {Recovery}", volumeId, recovery);
            }
        }
        catch (Exception e) when (e is StorageException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            _failedVolumes[volumeId] = e.Message;
            _logger.LogError(e, "Volume {VolumeId} in {Directory} failed to open; it will not be served", volumeId, _options.DataDirectory);
        }
    }

    private static List<uint> DiscoverVolumeIds(string directory)
    {
        var ids = new List<uint>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + DataFileExtension))
        {
            if (uint.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }
}
