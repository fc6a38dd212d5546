namespace Haystack.Store.Tests.Support;

internal static class Bytes
{
    /// <summary>Bytes that will not occur by chance elsewhere in a volume file, so tests can find them on disk.</summary>
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Flips one byte of <paramref name="pattern"/> where it is stored in <paramref name="path"/>.</summary>
    public static void FlipInFile(string path, byte[] pattern, int indexInPattern)
    {
        var content = File.ReadAllBytes(path);
        var at = content.AsSpan().IndexOf(pattern);
        if (at < 0)
        {
            throw new InvalidOperationException($"The pattern is not in {path}.");
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = at + indexInPattern;
        file.WriteByte((byte)~pattern[indexInPattern]);
    }
}
