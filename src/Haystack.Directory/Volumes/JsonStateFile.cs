using System.Text.Json;

namespace Haystack.Directory.Volumes;

/// <summary>
/// The volume table and the key reservation as one JSON file (dev mode), the only writer being this process. A save
/// writes a temporary file next to it, fsyncs it, renames it over the old one and fsyncs the directory, so a crash
/// leaves either the old or the new file, whole. Saves are serialised; each writes the newest state of everything.
/// </summary>
public sealed class JsonStateFile(string path) : IVolumeTableSource, IKeyReservations
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private VolumeTableSnapshot? _saved;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Description => $"state file {Path}";

    public async Task<IReadOnlyList<LogicalVolume>> LoadAsync(CancellationToken cancellationToken) =>
        await WithStateAsync(state => (state, state.Volumes), cancellationToken);

    public Task<LogicalVolume> SaveAsync(LogicalVolume volume, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken) =>
        WithStateAsync(state => (state with { Volumes = [.. state.Volumes.Where(v => v.Id != volume.Id).Append(volume).OrderBy(v => v.Id)] }, volume), cancellationToken);

    public Task SaveFiguresAsync(IReadOnlyList<LogicalVolume> volumes, CancellationToken cancellationToken) =>
        WithStateAsync(state => (state with { Volumes = volumes }, true), cancellationToken);

    public Task FollowAsync(VolumeTable table, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<KeyBlock> ReserveAsync(ulong count, CancellationToken cancellationToken) =>
        WithStateAsync(state => (state with { ReservedKeys = state.ReservedKeys + count }, new KeyBlock(state.ReservedKeys, state.ReservedKeys + count)), cancellationToken);

    /// <summary>Reads the file once, then runs <paramref name="change"/> on the newest state and writes the result when it differs.</summary>
    private async Task<T> WithStateAsync<T>(Func<VolumeTableSnapshot, (VolumeTableSnapshot State, T Result)> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _saved ??= await ReadAsync(cancellationToken);
            var (next, result) = change(current);
            if (!ReferenceEquals(next, current))
            {
                await WriteAsync(next, cancellationToken);
                _saved = next;
            }
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<VolumeTableSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return VolumeTableSnapshot.Empty;
        }
        await using var file = File.OpenRead(Path);
        try
        {
            var snapshot = await JsonSerializer.DeserializeAsync<VolumeTableSnapshot>(file, Json, cancellationToken)
                ?? throw new InvalidDataException($"The {Description} holds null instead of a volume table.");
            return snapshot with { ReservedKeys = Math.Max(1, snapshot.ReservedKeys) };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"The {Description} is not a valid volume table ({e.Message}); restore it from a backup or move it away to start empty.", e);
        }
    }

    private async Task WriteAsync(VolumeTableSnapshot snapshot, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        System.IO.Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(file, snapshot, Json, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
