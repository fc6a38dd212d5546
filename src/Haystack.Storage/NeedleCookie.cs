using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Haystack.Storage;

/// <summary>The random 32-bit value stored with each needle; a read with the wrong cookie finds nothing.</summary>
public static class NeedleCookie
{
    public static uint NewRandom()
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }
}
