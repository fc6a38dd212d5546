using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Haystack.Directory.Photos;

/// <summary>Random cookies: the part of a photo id that makes it unguessable (a cryptographic RNG, not Random).</summary>
public static class PhotoCookies
{
    public static uint NewCookie()
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }
}
