using System.Security.Cryptography;
using System.Text;
using Haystack.Protocol;

namespace Haystack.Hosting;

/// <summary>
/// Compares a presented key with the configured ones in constant time: both sides are hashed to 32 bytes first, so
/// neither the content nor the length of a key leaks through how long a refusal takes.
/// </summary>
public sealed class KeyCheck
{
    private readonly byte[][] _writeKeys;
    private readonly byte[][] _readKeys;

    public KeyCheck(AccessKeys keys)
    {
        Keys = keys;
        _writeKeys = [.. new[] { keys.Current, keys.Previous }.OfType<string>().Select(Digest)];
        _readKeys = [.. _writeKeys, .. new[] { keys.Read }.OfType<string>().Select(Digest)];
    }

    public AccessKeys Keys { get; }

    /// <summary>Whether a call at <paramref name="level"/> presenting <paramref name="presented"/> (null: none) may go on.</summary>
    public bool Allows(AccessLevel level, string? presented) => level switch
    {
        AccessLevel.Anyone => true,
        AccessLevel.Read => !Keys.GuardsReads || Matches(_readKeys, presented),
        _ => !Keys.GuardsWrites || Matches(_writeKeys, presented),
    };

    private static bool Matches(byte[][] accepted, string? presented)
    {
        if (presented is null)
        {
            return false;
        }
        var digest = Digest(presented);
        var found = false;
        // Every key is compared, so which one matched does not show in the timing either.
        foreach (var key in accepted)
        {
            found |= CryptographicOperations.FixedTimeEquals(key, digest);
        }
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
