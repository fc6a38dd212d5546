namespace Haystack.Storage;

/// <summary>A volume file is not one this engine can open (wrong magic, version, volume id, truncated).</summary>
public sealed class VolumeFormatException(string path, string problem)
    : StorageException($"{path}: {problem}")
{
    public string Path { get; } = path;
}
