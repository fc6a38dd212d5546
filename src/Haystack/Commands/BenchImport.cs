using System.Diagnostics;
using System.Globalization;
using Haystack.Storage;

namespace Haystack.Commands;

/// <summary>
/// Bulk import of a benchmark photo set (hack/bench/photoset.py) into Store volumes through the engine's
/// own write path (<see cref="Volume.WriteAsync"/>, group-committed fdatasync), without HTTP: millions of
/// small photos load in about a minute instead of the many minutes of one PUT each. The volumes are
/// ordinary ones that <c>haystack store --data</c> then serves.
/// </summary>
public static class BenchImport
{
    public sealed record Result(long Photos, long Bytes, int Volumes, TimeSpan Elapsed);

    /// <param name="list">Lines of "/volume,keyhex cookiehex8 TAB pool offset TAB size" (photoset.py's put-store.tsv).</param>
    /// <param name="pool">The random bytes each photo's body is a slice of (photoset.py's pool.bin).</param>
    public static async Task<Result> RunAsync(string dataDirectory, string list, string pool, int writers, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(pool, cancellationToken);
        var photos = File.ReadLines(list).Select((line, number) => Parse(line, number + 1, bytes.Length)).ToList();
        System.IO.Directory.CreateDirectory(dataDirectory);
        var volumes = new Dictionary<uint, Volume>();
        try
        {
            foreach (var volumeId in photos.Select(photo => photo.Volume).Distinct())
            {
                volumes[volumeId] = Volume.Create(dataDirectory, new VolumeId(volumeId));
            }
            var next = -1;
            long written = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                for (var at = Interlocked.Increment(ref next); at < photos.Count; at = Interlocked.Increment(ref next))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var photo = photos[at];
                    await volumes[photo.Volume].WriteAsync(
                        new NeedleId(photo.Key, 0), photo.Cookie, bytes.AsMemory(photo.Offset, photo.Size), "image/jpeg");
                    Interlocked.Add(ref written, photo.Size);
                }
            }, cancellationToken)));
            return new Result(photos.Count, written, volumes.Count, watch.Elapsed);
        }
        finally
        {
            foreach (var volume in volumes.Values)
            {
                await volume.DisposeAsync();
            }
        }
    }

    private static Photo Parse(string line, int number, int poolLength)
    {
        var fields = line.Split('\t');
        var comma = fields[0].IndexOf(',');
        var id = comma < 0 ? "" : fields[0][(comma + 1)..];
        if (fields.Length != 3 || !fields[0].StartsWith('/') || id.Length <= 8
            || !uint.TryParse(fields[0].AsSpan(1, comma - 1), CultureInfo.InvariantCulture, out var volume)
            || !ulong.TryParse(id.AsSpan(0, id.Length - 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key)
            || !uint.TryParse(id.AsSpan(id.Length - 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cookie)
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var offset)
            || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var size)
            || offset < 0 || size < 1 || offset > poolLength - size)
        {
            throw new FormatException($"line {number} is not \"/volume,<key hex><cookie hex 8><TAB>pool offset<TAB>size\" within the pool: {line}");
        }
        return new Photo(volume, key, cookie, offset, size);
    }

    private readonly record struct Photo(uint Volume, ulong Key, uint Cookie, int Offset, int Size);
}
