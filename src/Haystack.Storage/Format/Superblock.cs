using System.Buffers.Binary;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Format;

/// <summary>The first 64 bytes of a data file. Needles start right after it, so offset 0 never names a needle.</summary>
internal sealed record Superblock(VolumeId VolumeId, byte ReplicaCount, uint CompactionRevision, DateTimeOffset CreatedAt)
{
    public const int Size = 64;
    public const ushort CurrentFormatVersion = 1;

    /// <summary>"HSTK" read as a little-endian uint32.</summary>
    public const uint Magic = 0x4B545348;

    private const int MagicOffset = 0;
    private const int VersionOffset = 4;
    private const int ReplicaCountOffset = 6;
    private const int VolumeIdOffset = 8;
    private const int CompactionRevisionOffset = 12;
    private const int CreatedAtOffset = 16;
    private const int ChecksumOffset = 60;

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(MagicOffset), Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(VersionOffset), CurrentFormatVersion);
        bytes[ReplicaCountOffset] = ReplicaCount;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(VolumeIdOffset), VolumeId.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(CompactionRevisionOffset), CompactionRevision);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(CreatedAtOffset), CreatedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ChecksumOffset), Crc32C.Compute(bytes.AsSpan(0, ChecksumOffset)));
        return bytes;
    }

    /// <summary>Reads and checks a superblock; throws naming the file and the problem.</summary>
    public static Superblock Read(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < Size)
        {
            throw new VolumeFormatException(path, $"truncated: {bytes.Length} bytes, a volume starts with a {Size}-byte superblock.");
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[MagicOffset..]) != Magic)
        {
            throw new VolumeFormatException(path, "not a Haystack volume file (bad superblock magic).");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[VersionOffset..]);
        if (version != CurrentFormatVersion)
        {
            throw new VolumeFormatException(path,
                $"format version {version} is not supported (this build reads version {CurrentFormatVersion}); upgrade haystack.");
        }
        if (Crc32C.Compute(bytes[..ChecksumOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[ChecksumOffset..]))
        {
            throw new VolumeFormatException(path, "superblock checksum mismatch; restore this volume from a replica.");
        }
        return new Superblock(
            new VolumeId(BinaryPrimitives.ReadUInt32LittleEndian(bytes[VolumeIdOffset..])),
            bytes[ReplicaCountOffset],
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[CompactionRevisionOffset..]),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes[CreatedAtOffset..])));
    }
}
