using System.Security.Cryptography;

namespace Haystack.Storage.Tests;

/// <summary>Deterministic payloads, so a test can recompute what it wrote.</summary>
public static class TestData
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));

    public static VolumeOptions SmallOptions => new() { PreallocationStepBytes = 1024 * 1024 };
}
