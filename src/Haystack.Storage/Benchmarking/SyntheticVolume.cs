using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Haystack.Storage.Native;

namespace Haystack.Storage.Benchmarking;

/// <summary>
/// Writes a valid volume of many identical-size needles straight to disk, with one fdatasync at the
/// end instead of one group commit per needle. A fixture for measuring index load time and map memory
/// at millions of needles; it is not a write path (nothing is acknowledged needle by needle).
/// </summary>
public static class SyntheticVolume
{
    private const int BufferBytes = 4 * 1024 * 1024;

    public static void Build(string directory, VolumeId id, long needleCount, int dataBytes, SyntheticKeys keys, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataBytes, 1);
        Directory.CreateDirectory(directory);
        var paths = new VolumePaths(directory, id);
        var random = new Random(seed);
        var data = new byte[dataBytes];
        random.NextBytes(data);
        // Every needle carries the same data, so the part after the header (data, footer, padding) is encoded once.
        var template = EncodedNeedle.Create(new NeedleId(0, 0), 0, null, data);
        var body = template.Segments.Skip(1).SelectMany(segment => segment.ToArray()).ToArray();
        var needleLength = template.TotalLength;

        var superblock = new Superblock(id, 1, 0, DateTimeOffset.UtcNow);
        var dataFile = DataFile.Create(paths.Data, superblock, preallocationStep: 0, LinuxFile.FlushData);
        try
        {
            using var index = BackgroundIndexWriter.CreateFile(paths.Index, new IndexFileHeader(id, 0));
            var indexWriter = new BufferedIndexWriter(index, IndexFileHeader.Size);
            var buffer = new byte[Math.Max(BufferBytes, needleLength)];
            var used = 0;
            var offset = (long)Superblock.Size;
            for (long n = 0; n < needleCount; n++)
            {
                if (used + needleLength > buffer.Length)
                {
                    dataFile.Append(buffer.AsSpan(0, used));
                    used = 0;
                }
                var key = keys == SyntheticKeys.Ascending ? (ulong)n + 1 : (ulong)random.NextInt64() ^ (ulong)random.Next() << 63;
                var needleId = new NeedleId(key, 0);
                new NeedleHeader((uint)n, needleId, dataBytes, 0, NeedleFlags.None).WriteTo(buffer.AsSpan(used));
                body.CopyTo(buffer.AsSpan(used + NeedleLayout.HeaderSize));
                used += needleLength;
                indexWriter.Append(new IndexRecord(needleId, (uint)(offset / NeedleLayout.Alignment), (uint)(needleLength / NeedleLayout.Alignment), false));
                offset += needleLength;
            }
            dataFile.Append(buffer.AsSpan(0, used));
            indexWriter.Flush();
            dataFile.SyncData();
            LinuxFile.FlushData(index, paths.Index);
            LinuxFile.FlushDirectory(directory);
        }
        finally
        {
            dataFile.Retire();
        }
    }
}
