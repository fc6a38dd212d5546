namespace Haystack.Cluster.Tests.Harness;

/// <summary>Photos of random bytes, reproducible from their index so a reader can check what it got.</summary>
internal static class PhotoBytes
{
    public static byte[] Make(int index, int size)
    {
        var bytes = new byte[size];
        new Random(index).NextBytes(bytes);
        return bytes;
    }
}
