using System.Text.Json;

namespace Haystack.Directory.Volumes;

/// <summary>
/// The volume table as one JSON file (dev mode). A save writes a temporary file next to it, fsyncs it, renames
/// it over the old one and fsyncs the directory, so a crash leaves either the old or the new table, whole.
/// </summary>
public sealed class JsonStateFile(string path) : IVolumeTableSource
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Description => $"state file {Path}";

    public async Task<VolumeTableSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return VolumeTableSnapshot.Empty;
        }
        await using var file = File.OpenRead(Path);
        try
        {
            return await JsonSerializer.DeserializeAsync<VolumeTableSnapshot>(file, Json, cancellationToken)
                ?? throw new InvalidDataException($"The {Description} holds null instead of a volume table.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"The {Description} is not a valid volume table ({e.Message}); restore it from a backup or move it away to start empty.", e);
        }
    }

    public async Task SaveAsync(VolumeTableSnapshot snapshot, CancellationToken cancellationToken)
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
