namespace Haystack.Commands.VolumeFiles;

/// <summary>
/// The byte positions of a volume file (src/Haystack.Storage/FORMAT.md, format version 1), read
/// independently of the engine so the tools can inspect a file without opening it as a volume.
/// </summary>
internal static class VolumeFileFormat
{
    public const int SuperblockSize = 64;
    public const uint SuperblockMagic = 0x4B545348; // "HSTK"
    public const ushort FormatVersion = 1;
    public const int SuperblockChecksumOffset = 60;

    public const uint HeaderMagic = 0x484C444E; // "NDLH"
    public const uint FooterMagic = 0x464C444E; // "NDLF"
    public const int HeaderSize = 32;
    public const int HeaderChecksumCoverage = 25;
    public const int HeaderChecksumOffset = 28;
    public const int FlagsOffset = 25;
    public const int FooterSize = 8;
    public const int Alignment = 8;
    public const byte DeletedFlag = 1;

    /// <summary>Lengths are kept in 24 bits of 8-byte units by the index and the needle map.</summary>
    public const int MaxTotalLength = ((1 << 24) - 1) * Alignment;

    public static long TotalLength(int contentTypeLength, int dataLength) =>
        ((long)HeaderSize + contentTypeLength + dataLength + FooterSize + Alignment - 1) & ~(long)(Alignment - 1);
}
