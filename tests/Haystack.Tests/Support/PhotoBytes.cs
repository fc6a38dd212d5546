namespace Haystack.Tests.Support;

/// <summary>Distinct, reproducible photo contents, so a read of the wrong photo can never pass.</summary>
public static class PhotoBytes
{
    public static byte[] Create(int seed, int length = 3000)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
