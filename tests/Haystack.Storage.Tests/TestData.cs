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

    /// <summary>A payload that carries its own seed, so a reader can check it without knowing what was written.</summary>
    public static byte[] SelfChecking(int length, int seed)
    {
        var bytes = Bytes(Math.Max(length, sizeof(int)), seed);
        BitConverter.TryWriteBytes(bytes, seed);
        return bytes;
    }

    public static bool IsSelfChecking(ReadOnlySpan<byte> data) =>
        data.Length >= sizeof(int) && data.SequenceEqual(SelfChecking(data.Length, BitConverter.ToInt32(data)));

    public static VolumeOptions SmallOptions => new() { PreallocationStepBytes = 1024 * 1024 };
}
