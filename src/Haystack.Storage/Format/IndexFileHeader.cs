using System.Buffers.Binary;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Format;

/// <summary>
/// The 32-byte head of an index file. It names the volume and compaction revision it indexes, so an
/// index left over from before a compaction is recognised as stale and rebuilt.
/// </summary>
internal readonly record struct IndexFileHeader(VolumeId VolumeId, uint CompactionRevision)
{
    public const int Size = 32;
    public const ushort CurrentFormatVersion = 1;

    /// <summary>"HIDX" read as a little-endian uint32.</summary>
    public const uint Magic = 0x58444948;

    private const int MagicOffset = 0;
    private const int VersionOffset = 4;
    private const int VolumeIdOffset = 8;
    private const int CompactionRevisionOffset = 12;
    private const int ChecksumOffset = 28;

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(MagicOffset), Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(VersionOffset), CurrentFormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(VolumeIdOffset), VolumeId.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(CompactionRevisionOffset), CompactionRevision);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ChecksumOffset), Crc32C.Compute(bytes.AsSpan(0, ChecksumOffset)));
        return bytes;
    }

    /// <summary>Why this header does not index the given data file, or null when it does.</summary>
    public string? MismatchWith(VolumeId volumeId, uint compactionRevision)
    {
        if (VolumeId != volumeId)
        {
            return $"the index belongs to volume {VolumeId}";
        }
        if (CompactionRevision != compactionRevision)
        {
            return $"the index is from compaction revision {CompactionRevision}, the data from {compactionRevision}";
        }
        return null;
    }

    /// <summary>Null when the bytes are not a valid header of this format version.</summary>
    public static IndexFileHeader? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size ||
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[MagicOffset..]) != Magic ||
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[VersionOffset..]) != CurrentFormatVersion ||
            Crc32C.Compute(bytes[..ChecksumOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[ChecksumOffset..]))
        {
            return null;
        }
        return new IndexFileHeader(
            new VolumeId(BinaryPrimitives.ReadUInt32LittleEndian(bytes[VolumeIdOffset..])),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[CompactionRevisionOffset..]));
    }
}
