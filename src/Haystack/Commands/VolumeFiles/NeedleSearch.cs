using System.Globalization;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Storage.Inspection;
using Haystack.Store;

namespace Haystack.Commands.VolumeFiles;

/// <summary>
/// Finds where a photo's needle sits in local volume files (the Store API does not tell offsets): the newest
/// needle with the photo's key and alternate key in each <c>&lt;volume&gt;.dat</c> under the given folders.
/// </summary>
internal static class NeedleSearch
{
    public static IEnumerable<string> Find(PhotoId id, IEnumerable<string> folders)
    {
        var needleId = new NeedleId(id.Key, id.AlternateKey);
        foreach (var file in VolumeFilesNamed(id.VolumeId, folders))
        {
            using var inspector = VolumeFileInspector.Open(file);
            var newest = inspector.ScanNeedles().LastOrDefault(needle => needle.Id == needleId);
            if (newest is null)
            {
                yield return $"{file}: no needle with this key";
                continue;
            }
            var deleted = newest.IsDeleted ? ", deleted" : "";
            var cookie = newest.Cookie == id.Cookie ? "" : ", cookie differs from the id's";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{file}: offset {newest.Location.Offset}, {newest.Location.Length} bytes on disk, {newest.DataLength} bytes of data{deleted}{cookie}");
        }
    }

    /// <summary>The volume's data file in each folder and in its direct subfolders (a dev data root holds store-N/).</summary>
    private static IEnumerable<string> VolumeFilesNamed(uint volumeId, IEnumerable<string> folders)
    {
        var name = $"{volumeId}.dat";
        return folders
            .Where(System.IO.Directory.Exists)
            .SelectMany(folder => new[] { folder }.Concat(System.IO.Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)))
            .Select(folder => Path.Combine(folder, name))
            .Where(File.Exists)
            .Select(Path.GetFullPath)
            .Distinct();
    }
}
