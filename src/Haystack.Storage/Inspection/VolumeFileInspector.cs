using Haystack.Storage.Format;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Inspection;

/// <summary>
/// Reads a volume's files as they are, for dump and verify tools: no recovery, no lock, never a write. So it
/// works on a volume a running Store holds (it sees the needles present when it was opened) and on one a
/// crash left behind. It reads with the engine's own format code, so it sees exactly what the engine wrote.
/// To repair an index, see <see cref="Volume.RebuildIndexAsync"/>.
/// </summary>
public sealed class VolumeFileInspector : IDisposable
{
    private const int IndexChunkRecords = 1 << 14;

    private readonly SafeFileHandle _handle;

    private VolumeFileInspector(string path, SafeFileHandle handle, long length, VolumeSuperblock superblock)
    {
        Path = path;
        _handle = handle;
        Length = length;
        Superblock = superblock;
    }

    /// <summary>The data file.</summary>
    public string Path { get; }

    /// <summary>The data file's length when it was opened; needles appended later are not scanned.</summary>
    public long Length { get; }

    public VolumeSuperblock Superblock { get; }

    /// <summary>
    /// Opens a data file (<c>&lt;id&gt;.dat</c>) and reads its superblock. Throws <see cref="FileNotFoundException"/>
    /// or <see cref="IOException"/> when it cannot be read, <see cref="VolumeFormatException"/> naming the file
    /// when it is not a volume of this format version.
    /// </summary>
    public static VolumeFileInspector Open(string dataFilePath)
    {
        var handle = LinuxFile.OpenReadUnlocked(dataFilePath);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var bytes = new byte[Math.Min(length, Format.Superblock.Size)];
            var read = RandomAccess.Read(handle, bytes, 0);
            var block = Format.Superblock.Read(bytes.AsSpan(0, read), dataFilePath);
            var superblock = new VolumeSuperblock(
                block.VolumeId, Format.Superblock.CurrentFormatVersion, block.ReplicaCount, block.CompactionRevision, block.CreatedAt);
            return new VolumeFileInspector(dataFilePath, handle, length, superblock);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Every needle up to <see cref="Length"/>; each enumeration reads the file again.</summary>
    public NeedleScan ScanNeedles() => new(_handle, Length);

    /// <summary>
    /// Checks an index file (by default the <c>&lt;id&gt;.idx</c> beside the data file) against the data file:
    /// its header names this volume and compaction revision, and every record verifies and names a needle
    /// that starts at its offset with its id and length. Stops at the first problem.
    /// </summary>
    public IndexFileCheck CheckIndex(string? indexPath = null)
    {
        indexPath ??= System.IO.Path.ChangeExtension(Path, ".idx");
        // The length now, not at open: a running Store's index may name needles appended since.
        var dataLength = RandomAccess.GetLength(_handle);
        if (!File.Exists(indexPath))
        {
            return new IndexFileCheck(indexPath, false, 0, "the index file is missing", dataLength - Format.Superblock.Size);
        }
        using var index = LinuxFile.OpenReadUnlocked(indexPath);
        var indexLength = RandomAccess.GetLength(index);
        var headerBytes = new byte[IndexFileHeader.Size];
        var header = IndexFileHeader.TryRead(headerBytes.AsSpan(0, RandomAccess.Read(index, headerBytes, 0)));
        var problem = header is null
            ? "the index header is damaged"
            : header.Value.MismatchWith(Superblock.VolumeId, Superblock.CompactionRevision);
        long valid = 0;
        long indexedEnd = Format.Superblock.Size;
        var records = new byte[IndexChunkRecords * IndexRecord.Size];
        var needleHeader = new byte[NeedleLayout.HeaderSize];
        var position = (long)IndexFileHeader.Size;
        while (problem is null && position + IndexRecord.Size <= indexLength)
        {
            var want = (int)Math.Min(records.Length, (indexLength - position) / IndexRecord.Size * IndexRecord.Size);
            var whole = RandomAccess.Read(index, records.AsSpan(0, want), position) / IndexRecord.Size * IndexRecord.Size;
            if (whole == 0)
            {
                break;
            }
            for (var at = 0; at < whole; at += IndexRecord.Size)
            {
                var record = IndexRecord.TryRead(records.AsSpan(at, IndexRecord.Size));
                problem = record is null
                    ? $"record {valid} has a bad checksum or flags (a torn tail after a crash is normal: recovery ignores the index from there)"
                    : RecordProblem(record.Value, valid, dataLength, needleHeader);
                if (problem is not null)
                {
                    break;
                }
                if (!record!.Value.IsTombstone)
                {
                    indexedEnd = Math.Max(indexedEnd, record.Value.NeedleEnd);
                }
                valid++;
            }
            position += whole;
        }
        return new IndexFileCheck(indexPath, true, valid, problem, Math.Max(0, dataLength - indexedEnd));
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>Why the record does not name a needle of the data file, or null when it does.</summary>
    private string? RecordProblem(IndexRecord record, long number, long dataLength, byte[] buffer)
    {
        var kind = record.IsTombstone ? "tombstone" : "put";
        var offset = (long)record.OffsetUnits * NeedleLayout.Alignment;
        var length = (long)record.LengthUnits * NeedleLayout.Alignment;
        if (offset < Format.Superblock.Size || length == 0 || record.NeedleEnd > dataLength)
        {
            return $"{kind} record {number} names needle {record.Id} at offset {offset}, outside the {dataLength}-byte data file";
        }
        var read = RandomAccess.Read(_handle, buffer, offset);
        var header = NeedleHeader.TryRead(buffer.AsSpan(0, read), out var headerProblem);
        if (header is null)
        {
            return $"{kind} record {number} names needle {record.Id} at offset {offset}, where the data file holds no valid needle ({headerProblem})";
        }
        if (header.Value.Id != record.Id || header.Value.TotalLength != length)
        {
            return $"{kind} record {number} names needle {record.Id} of {length} bytes at offset {offset}, " +
                $"where the data file holds needle {header.Value.Id} of {header.Value.TotalLength} bytes";
        }
        return null;
    }
}
