namespace Haystack.Commands.VolumeFiles;

/// <summary>A file that cannot be read as a Haystack volume at all (missing, bad superblock).</summary>
internal sealed class VolumeFileException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}
