using System.Text;
using Haystack.Storage;

namespace Haystack.Tests.Support;

/// <summary>Builds a real volume with the storage engine for the tool tests; records what it wrote.</summary>
public sealed class TestVolume
{
    public const uint Id = 7;

    private TestVolume(string directory) => Directory = directory;

    public string Directory { get; }

    public string DataFile => new VolumePaths(Directory, new VolumeId(Id)).Data;

    public string IndexFile => new VolumePaths(Directory, new VolumeId(Id)).Index;

    /// <summary>Every needle written, in write order, with where it landed.</summary>
    public List<(NeedleId Id, uint Cookie, byte[] Data, NeedleLocation Location)> Written { get; } = [];

    /// <summary>
    /// Writes <paramref name="count"/> needles with keys 1..count, then overwrites key 2 and deletes key 3,
    /// so the file holds live, superseded and deleted needles.
    /// </summary>
    public static async Task<TestVolume> CreateAsync(string directory, int count = 5)
    {
        var built = new TestVolume(directory);
        await using var volume = Volume.Create(directory, new VolumeId(Id), new VolumeOptions { PreallocationStepBytes = 0, ReplicaCount = 3 });
        for (var key = 1UL; key <= (ulong)count; key++)
        {
            await built.WriteAsync(volume, new NeedleId(key, 0), $"photo {key} " + new string('x', (int)key * 100));
        }
        await built.WriteAsync(volume, new NeedleId(2, 0), "photo 2, second version");
        await volume.DeleteAsync(new NeedleId(3, 0));
        return built;
    }

    private async Task WriteAsync(Volume volume, NeedleId id, string text)
    {
        var cookie = NeedleCookie.NewRandom();
        var data = Encoding.UTF8.GetBytes(text);
        var location = await volume.WriteAsync(id, cookie, data, "image/jpeg");
        Written.Add((id, cookie, data, location));
    }
}
