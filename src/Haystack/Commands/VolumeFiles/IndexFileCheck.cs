using System.Buffers.Binary;
using System.Globalization;
using Haystack.Storage.Checksums;

namespace Haystack.Commands.VolumeFiles;

/// <summary>
/// Checks a volume's index file against its data file (FORMAT.md, "Index file"): header, record checksums,
/// and that every put record names a needle that really starts there with that key. A damaged index loses
/// no data (the Store rebuilds it from the data file), so problems here are advice, not corruption.
/// </summary>
internal static class IndexFileCheck
{
    private const uint Magic = 0x58444948; // "HIDX"
    private const int HeaderSize = 32;
    private const int RecordSize = 24;

    /// <param name="needles">Offset -> (key, alternate key) of every needle the data file holds.</param>
    /// <returns>A one-line verdict, and whether the index is consistent.</returns>
    public static (string Verdict, bool Consistent) Run(string indexPath, VolumeFileSuperblock superblock, IReadOnlyDictionary<long, (ulong Key, uint AlternateKey)> needles)
    {
        if (!File.Exists(indexPath))
        {
            return ($"index {indexPath} is missing; the Store rebuilds it on open, or run `haystack restore-index`.", false);
        }
        using var handle = ReadOnlyFile.Open(indexPath);
        var length = RandomAccess.GetLength(handle);
        var header = new byte[HeaderSize];
        if (RandomAccess.Read(handle, header, 0) < HeaderSize ||
            BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic ||
            Crc32C.Compute(header.AsSpan(0, 28)) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(28)))
        {
            return ($"index {indexPath} has a damaged header; run `haystack restore-index`.", false);
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8)) != superblock.VolumeId ||
            BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12)) != superblock.CompactionRevision)
        {
            return ($"index {indexPath} belongs to another volume or compaction revision; run `haystack restore-index`.", false);
        }

        var record = new byte[RecordSize];
        long records = 0;
        for (var offset = (long)HeaderSize; offset + RecordSize <= length; offset += RecordSize)
        {
            RandomAccess.Read(handle, record, offset);
            if (Crc32C.Compute(record.AsSpan(0, 20)) != BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(20)))
            {
                return (Inconsistent(indexPath, records, $"record {records} has a bad checksum (a torn tail after a crash is normal; the Store ignores it)"), false);
            }
            var key = BinaryPrimitives.ReadUInt64LittleEndian(record);
            var alternateKey = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(8));
            var needleOffset = (long)BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(12)) * VolumeFileFormat.Alignment;
            if (record[19] == 0 && (!needles.TryGetValue(needleOffset, out var found) || found != (key, alternateKey)))
            {
                return (Inconsistent(indexPath, records,
                    string.Create(CultureInfo.InvariantCulture, $"record {records} names needle {key:x}/{alternateKey} at offset {needleOffset}, which the data file does not hold there")), false);
            }
            records++;
        }
        return (string.Create(CultureInfo.InvariantCulture, $"index {indexPath}: {records} records, consistent with the data file."), true);
    }

    private static string Inconsistent(string path, long good, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"index {path}: {good} good records, then {problem}; `haystack restore-index` rebuilds it.");
}
