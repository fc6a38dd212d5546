namespace Haystack.Directory.Tests.Support;

internal static class Bytes
{
    /// <summary>Deterministic, distinct content for each seed.</summary>
    public static byte[] Photo(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
