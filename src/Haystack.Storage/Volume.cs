using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Haystack.Storage.Native;
using Haystack.Storage.Memory;

namespace Haystack.Storage;

/// <summary>
/// One physical Haystack volume: an append-only data file of needles, its index file and an in-memory
/// needle map. Safe for concurrent readers, writers, deleters and one compaction at a time. Writes and
/// deletes return once durable (group commit). See README.md for the contract and FORMAT.md for the bytes.
/// </summary>
public sealed partial class Volume : IAsyncDisposable, IDisposable
{
    private readonly VolumeOptions _options;
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly SemaphoreSlim _compactionGate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private VolumeGeneration _current;
    private volatile bool _readOnly;
    private int _disposed;

    private Volume(VolumePaths paths, VolumeOptions options, VolumeGeneration generation, RecoveryReport recovery, bool readOnly)
    {
        Paths = paths;
        _options = options;
        _current = generation;
        Recovery = recovery;
        _readOnly = readOnly;
    }

    public VolumeId Id => Paths.VolumeId;

    public VolumePaths Paths { get; }

    /// <summary>What opening the volume found and repaired (all zero for a new volume).</summary>
    public RecoveryReport Recovery { get; }

    public bool IsReadOnly => _readOnly;

    public VolumeStats Stats
    {
        get
        {
            var generation = Volatile.Read(ref _current);
            return new VolumeStats(
                Id,
                generation.Data.End,
                _options.SizeLimitBytes,
                generation.LiveCount,
                generation.LiveBytes,
                generation.GarbageCount,
                generation.GarbageBytes,
                _readOnly,
                generation.Data.Superblock.CompactionRevision,
                generation.Data.Superblock.ReplicaCount)
            {
                DataFlushes = generation.Data.Durability.FlushCount,
            };
        }
    }

    /// <summary>True when the volume's data file exists in <paramref name="directory"/>.</summary>
    public static bool Exists(string directory, VolumeId id) => File.Exists(new VolumePaths(directory, id).Data);

    /// <summary>Creates an empty volume; fails if one with this id already exists in the directory.</summary>
    public static Volume Create(string directory, VolumeId id, VolumeOptions? options = null)
    {
        options ??= new VolumeOptions();
        options.Validate();
        Directory.CreateDirectory(directory);
        var paths = new VolumePaths(directory, id);
        if (File.Exists(paths.Data) || File.Exists(paths.CompactingData))
        {
            throw new IOException($"Volume {id} already exists in {directory} ({paths.Data}); open it instead.");
        }
        var superblock = new Superblock(id, options.ReplicaCount, 0, DateTimeOffset.UtcNow);
        var data = DataFile.Create(paths.Data, superblock, options.PreallocationStepBytes, options.DataSync);
        try
        {
            var index = BackgroundIndexWriter.CreateFile(paths.Index, new IndexFileHeader(id, 0));
            LinuxFile.FlushData(index, paths.Index);
            LinuxFile.FlushDirectory(directory);
            var generation = new VolumeGeneration(data, new NeedleMap(options.MapFoldThreshold));
            generation.StartIndex(new BackgroundIndexWriter(index, paths.Index, IndexFileHeader.Size, data.Durability));
            return new Volume(paths, options, generation, new RecoveryReport(0, 0, 0, null, null), readOnly: false);
        }
        catch
        {
            data.Retire();
            throw;
        }
    }

    /// <summary>Opens an existing volume, running crash recovery (see <see cref="Recovery"/>).</summary>
    public static Volume Open(string directory, VolumeId id, VolumeOptions? options = null)
    {
        options ??= new VolumeOptions();
        options.Validate();
        var paths = new VolumePaths(directory, id);
        if (!File.Exists(paths.Data))
        {
            throw new FileNotFoundException($"Volume {id} has no data file in {directory}.", paths.Data);
        }
        var (generation, report) = VolumeRecovery.Open(paths, options);
        return new Volume(paths, options, generation, report, File.Exists(paths.ReadOnlyMarker));
    }

    /// <summary>Stops accepting writes, durably: the volume stays read-only after a restart. Deletes still work.</summary>
    public void MarkReadOnly()
    {
        ThrowIfDisposed();
        if (_readOnly)
        {
            return;
        }
        File.WriteAllText(Paths.ReadOnlyMarker, $"marked read-only at {DateTimeOffset.UtcNow:O}\n");
        LinuxFile.FlushDirectory(Paths.Directory);
        _readOnly = true;
    }

    /// <summary>Waits for in-flight work, drains the index, flushes and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _closing.CancelAsync().ConfigureAwait(false);
        await _compactionGate.WaitAsync().ConfigureAwait(false);
        await _appendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _current.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // Callers already queued on the gates get in, see the volume disposed and throw.
            _appendGate.Release();
            _compactionGate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            throw new VolumeClosedException(Id, "it was disposed");
        }
    }

    /// <summary>Called with the append gate held: refuses work once a flush has failed.</summary>
    private void ThrowIfFaulted(VolumeGeneration generation)
    {
        if (generation.Data.Durability.Fault is { } fault)
        {
            throw new VolumeClosedException(Id,
                $"an fdatasync of {generation.Data.Path} failed, so nothing more can be acknowledged; restart the Store after checking the disk",
                fault);
        }
    }
}
