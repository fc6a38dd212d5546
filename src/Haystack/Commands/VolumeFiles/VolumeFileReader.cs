using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Haystack.Storage.Checksums;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Commands.VolumeFiles;

/// <summary>
/// Reads a volume data file needle by needle without opening it as a volume: no recovery, no lock, no
/// write, so it works on a file a running Store holds and on one a crash left behind. Used by
/// <c>dump</c>, <c>verify</c> and <c>locate</c>.
/// </summary>
internal sealed class VolumeFileReader : IDisposable
{
    private readonly SafeFileHandle _handle;

    private VolumeFileReader(string path, SafeFileHandle handle, long length, VolumeFileSuperblock superblock)
    {
        Path = path;
        _handle = handle;
        Length = length;
        Superblock = superblock;
    }

    public string Path { get; }

    /// <summary>The file length when it was opened; needles appended later are not read.</summary>
    public long Length { get; }

    public VolumeFileSuperblock Superblock { get; }

    /// <summary>Opens the file and checks its superblock; throws <see cref="VolumeFileException"/> naming the problem.</summary>
    public static VolumeFileReader Open(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = ReadOnlyFile.Open(path);
        }
        catch (IOException error)
        {
            throw new VolumeFileException(path, error.Message);
        }
        try
        {
            var length = RandomAccess.GetLength(handle);
            var bytes = new byte[VolumeFileFormat.SuperblockSize];
            var read = RandomAccess.Read(handle, bytes, 0);
            var superblock = ReadSuperblock(bytes.AsSpan(0, read), path);
            return new VolumeFileReader(path, handle, length, superblock);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every needle in offset order, deleted and superseded ones included. With <paramref name="verifyData"/>
    /// each needle is read whole and its footer and data checksum are checked too. A needle whose header
    /// fails ends the sequence (<see cref="VolumeFileNeedle.EndsScan"/>): its length cannot be trusted.
    /// </summary>
    public IEnumerable<VolumeFileNeedle> ReadNeedles(bool verifyData)
    {
        var header = new byte[VolumeFileFormat.HeaderSize];
        var offset = (long)VolumeFileFormat.SuperblockSize;
        while (offset < Length)
        {
            if (Length - offset < VolumeFileFormat.HeaderSize)
            {
                yield return Unreadable(offset, $"{Length - offset} bytes at the end are too short for a needle header (a torn write)");
                yield break;
            }
            RandomAccess.Read(_handle, header, offset);
            var needle = ReadHeader(header, offset);
            if (needle.EndsScan)
            {
                yield return needle;
                yield break;
            }
            yield return verifyData ? VerifyData(needle) : WithContentType(needle);
            offset += needle.TotalLength;
        }
    }

    public void Dispose() => _handle.Dispose();

    private VolumeFileNeedle ReadHeader(ReadOnlySpan<byte> header, long offset)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != VolumeFileFormat.HeaderMagic)
        {
            return Unreadable(offset, "bad header magic");
        }
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(header[VolumeFileFormat.HeaderChecksumOffset..]);
        if (Crc32C.Compute(header[..VolumeFileFormat.HeaderChecksumCoverage]) != expected)
        {
            return Unreadable(offset, "header checksum mismatch");
        }
        var cookie = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var key = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        var alternateKey = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        var dataLength = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        var contentTypeLength = header[24];
        var flags = header[VolumeFileFormat.FlagsOffset];
        var total = dataLength < 1 ? 0 : VolumeFileFormat.TotalLength(contentTypeLength, dataLength);
        string? problem = null;
        if (dataLength < 1 || total > VolumeFileFormat.MaxTotalLength)
        {
            problem = $"impossible data length {dataLength}";
        }
        else if (offset + total > Length)
        {
            problem = $"the needle needs {total} bytes but the file ends {Length - offset} bytes after its start (a torn write)";
        }
        else if ((flags & ~VolumeFileFormat.DeletedFlag) != 0)
        {
            problem = $"unknown flag bits 0x{flags:x2}";
        }
        var isDeleted = (flags & VolumeFileFormat.DeletedFlag) != 0;
        // An unknown flag still leaves a trustworthy length (the flags sit outside the header checksum).
        var endsScan = problem is not null && !problem.StartsWith("unknown flag", StringComparison.Ordinal);
        return new VolumeFileNeedle(offset, endsScan ? 0 : total, key, alternateKey, cookie, dataLength, contentTypeLength, null, isDeleted, endsScan, problem);
    }

    private VolumeFileNeedle WithContentType(VolumeFileNeedle needle)
    {
        var length = needle.ContentTypeLength;
        if (length == 0)
        {
            return needle;
        }
        var bytes = new byte[length];
        RandomAccess.Read(_handle, bytes, needle.Offset + VolumeFileFormat.HeaderSize);
        return needle with { ContentType = Encoding.ASCII.GetString(bytes) };
    }

    private VolumeFileNeedle VerifyData(VolumeFileNeedle needle)
    {
        var bytes = new byte[needle.TotalLength];
        RandomAccess.Read(_handle, bytes, needle.Offset);
        var contentTypeLength = needle.ContentTypeLength;
        var covered = contentTypeLength + needle.DataLength;
        var footer = bytes.AsSpan(VolumeFileFormat.HeaderSize + covered, VolumeFileFormat.FooterSize);
        var contentType = contentTypeLength == 0 ? null : Encoding.ASCII.GetString(bytes, VolumeFileFormat.HeaderSize, contentTypeLength);
        string? problem = needle.Problem;
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer) != VolumeFileFormat.FooterMagic)
        {
            problem = "bad footer magic";
        }
        else
        {
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(footer[4..]);
            var actual = Crc32C.Compute(bytes.AsSpan(VolumeFileFormat.HeaderSize, covered));
            if (stored != actual)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"data checksum mismatch (stored {stored:x8}, computed {actual:x8})");
            }
        }
        return needle with { ContentType = contentType, Problem = problem };
    }

    private static VolumeFileNeedle Unreadable(long offset, string problem) =>
        new(offset, 0, 0, 0, 0, 0, 0, null, false, true, problem);

    private static VolumeFileSuperblock ReadSuperblock(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < VolumeFileFormat.SuperblockSize)
        {
            throw new VolumeFileException(path, $"only {bytes.Length} bytes; a volume file starts with a {VolumeFileFormat.SuperblockSize}-byte superblock.");
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != VolumeFileFormat.SuperblockMagic)
        {
            throw new VolumeFileException(path, "not a Haystack volume file (bad superblock magic).");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != VolumeFileFormat.FormatVersion)
        {
            throw new VolumeFileException(path, $"format version {version}; this haystack reads version {VolumeFileFormat.FormatVersion}.");
        }
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(bytes[VolumeFileFormat.SuperblockChecksumOffset..]);
        if (Crc32C.Compute(bytes[..VolumeFileFormat.SuperblockChecksumOffset]) != checksum)
        {
            throw new VolumeFileException(path, "superblock checksum mismatch; restore the volume from a replica.");
        }
        return new VolumeFileSuperblock(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]),
            bytes[6],
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes[16..])));
    }
}
