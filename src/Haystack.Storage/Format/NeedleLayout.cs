namespace Haystack.Storage.Format;

/// <summary>
/// Byte positions of the needle format; FORMAT.md describes the same table in prose. Public for
/// <see cref="TotalLength"/>, which the Directory uses to keep its estimate of a volume's size, and
/// <see cref="CheckContentType"/>, which it checks before reserving a key for a photo no store could take.
/// </summary>
public static class NeedleLayout
{
    public const int Alignment = 8;

    /// <summary>"NDLH" read as a little-endian uint32.</summary>
    public const uint HeaderMagic = 0x484C444E;

    /// <summary>"NDLF" read as a little-endian uint32.</summary>
    public const uint FooterMagic = 0x464C444E;

    public const int MagicOffset = 0;
    public const int CookieOffset = 4;
    public const int KeyOffset = 8;
    public const int AlternateKeyOffset = 16;
    public const int DataLengthOffset = 20;
    public const int ContentTypeLengthOffset = 24;
    public const int FlagsOffset = 25;
    public const int ReservedOffset = 26;
    public const int HeaderChecksumOffset = 28;

    /// <summary>The header checksum covers bytes [0, 25): everything but the flags, which a delete rewrites in place.</summary>
    public const int HeaderChecksumCoverage = 25;
    public const int HeaderSize = 32;

    public const int FooterMagicOffsetInFooter = 0;
    public const int DataChecksumOffsetInFooter = 4;
    public const int FooterSize = 8;

    public const int MaxContentTypeLength = byte.MaxValue;

    /// <summary>Needle lengths are kept in 8-byte units in 24 bits (index record, memory map).</summary>
    public const int MaxTotalLength = ((1 << 24) - 1) * Alignment;

    public const int MaxDataLength = MaxTotalLength - HeaderSize - MaxContentTypeLength - FooterSize - Alignment;

    /// <summary>Bytes the needle occupies on disk, padding included.</summary>
    public static int TotalLength(int contentTypeLength, int dataLength) =>
        Align(HeaderSize + contentTypeLength + dataLength + FooterSize);

    public static int Align(int length) => (length + Alignment - 1) & ~(Alignment - 1);

    public static long Align(long length) => (length + Alignment - 1) & ~(long)(Alignment - 1);

    /// <summary>Returns the problem with a content type, or null when the format can store it.</summary>
    public static string? CheckContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }
        if (contentType.Length == 0)
        {
            return "the content type is empty (pass null for none)";
        }
        if (contentType.Length > MaxContentTypeLength)
        {
            return $"the content type is {contentType.Length} characters, at most {MaxContentTypeLength} fit";
        }
        foreach (var c in contentType)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return "the content type must be printable ASCII";
            }
        }
        return null;
    }
}
