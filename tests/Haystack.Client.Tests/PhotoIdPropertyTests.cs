using FsCheck;
using FsCheck.Fluent;
using ClientId = Haystack.Client.PhotoId;
using StoreId = Haystack.Protocol.PhotoId;

namespace Haystack.Client.Tests;

/// <summary>
/// Issue 15, item 5: both photo-id parsers (the servers' <see cref="StoreId"/>, the client's <see cref="ClientId"/>) on
/// canonical ids, ids with a few characters edited, and arbitrary strings. Every text is either refused by both with a
/// <see cref="FormatException"/> that says why (no other exception, no overflow), or accepted by both as the same id
/// whose canonical text differs from the input only by hex case and leading zeros in the key: the one leeway the
/// format documents, so no other spelling names an id twice. Inputs are FsCheck's own numbers, tuples and arrays, so a
/// failure shrinks to a short edit list and small numbers; the message names the text.
/// </summary>
public sealed class PhotoIdPropertyTests
{
    // Characters an edit inserts or writes over: the id's own, signs, space, NUL, and digits of other scripts.
    private const string EditCharacters = "0123456789abcdefABCDEF,_x+- \0\u0663\uff10\u00e9";

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void Every_spelling_the_format_allows_reads_as_the_same_id()
    {
        Prop.ForAll<Tuple<uint, ulong, uint, uint>, byte, bool>((parts, leadingZeros, upperCase) =>
        {
            var id = new StoreId(parts.Item1, parts.Item2, parts.Item3, parts.Item4);
            var canonical = id.ToString();
            var comma = canonical.IndexOf(',');
            var keyDigits = canonical.IndexOf('_') is var underscore and >= 0 ? underscore - comma - 9 : canonical.Length - comma - 9;
            var text = canonical.Insert(comma + 1, new string('0', leadingZeros % (17 - keyDigits)));
            text = upperCase ? text.ToUpperInvariant() : text;

            AssertParsedCanonicallyOrRefused(text);
            Assert.Equal(id, StoreId.Parse(text));
        }).Check(Runs);
    }

    [Fact]
    public void Edited_ids_are_read_canonically_or_refused_by_both_parsers()
    {
        Prop.ForAll<Tuple<uint, ulong, uint, uint>, Tuple<byte, byte, byte>[]>((parts, edits) =>
        {
            var text = new StoreId(parts.Item1, parts.Item2, parts.Item3 % 3, parts.Item4).ToString();
            foreach (var (kind, position, character) in edits)
            {
                text = Edit(text, kind, position, EditCharacters[character % EditCharacters.Length]);
            }
            AssertParsedCanonicallyOrRefused(text);
        }).Check(Runs);
    }

    [Fact]
    public void Arbitrary_strings_are_read_canonically_or_refused_by_both_parsers()
    {
        Prop.ForAll<string>(AssertParsedCanonicallyOrRefused).Check(Runs);
    }

    [Fact]
    public void Numbers_too_large_for_their_part_are_refused_not_wrapped()
    {
        Prop.ForAll<ulong, bool>((excess, inAlternateKey) =>
        {
            var tooLarge = (decimal)uint.MaxValue + 1 + excess;
            var text = inAlternateKey ? $"1,1deadbeef_{tooLarge}" : $"{tooLarge},1deadbeef";
            AssertParsedCanonicallyOrRefused(text);
            Assert.False(StoreId.TryParse(text, out _), $"'{Shown(text)}' was accepted");
        }).Check(Runs);
    }

    [Theory]
    [InlineData("3,1\0deadbeef")]
    [InlineData("3,1deadbee\0")]
    [InlineData("3,1deadbeef\0")]
    [InlineData("3,1deadbeef_2\0")]
    public void A_trailing_NUL_that_number_parsing_skips_is_refused_by_both(string text)
    {
        // Found by the edit property: .NET's number parsing ignores trailing NULs, so "1\0" read as key 1.
        AssertParsedCanonicallyOrRefused(text);
        Assert.False(StoreId.TryParse(text, out _));
    }

    /// <summary>Both refuse with a reason and a FormatException, or both accept the same id, written canonically.</summary>
    private static void AssertParsedCanonicallyOrRefused(string? text)
    {
        var storeAccepts = StoreId.TryParse(text, out var store, out var storeProblem);
        var clientAccepts = ClientId.TryParse(text.AsSpan(), out var client, out var clientProblem);
        Assert.True(storeAccepts == clientAccepts,
            $"'{Shown(text)}': the store {(storeAccepts ? "accepts" : $"refuses ({storeProblem})")}, the client {(clientAccepts ? "accepts" : $"refuses ({clientProblem})")}");
        if (!storeAccepts)
        {
            Assert.False(string.IsNullOrWhiteSpace(storeProblem));
            Assert.False(string.IsNullOrWhiteSpace(clientProblem));
            Assert.Throws<FormatException>(() => StoreId.Parse(text!));
            Assert.Throws<FormatException>(() => ClientId.Parse(text!));
            return;
        }
        Assert.Equal((store.VolumeId, store.Key, store.AlternateKey, store.Cookie), (client.VolumeId, client.Key, client.AlternateKey, client.Cookie));
        Assert.True(Canonical(text!) == store.ToString(), $"'{Shown(text)}' was read as {store}, which is not the same spelling up to hex case and key zeros");
        Assert.Equal(store.ToString(), client.ToString());
        Assert.Equal(store, StoreId.Parse(store.ToString()));
    }

    /// <summary>The text with control characters (NUL above all) written as escapes, so a failure message shows them.</summary>
    private static string Shown(string? text) =>
        string.Concat((text ?? "(null)").Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>An accepted text with its hex lowercased and its key's leading zeros dropped.</summary>
    private static string Canonical(string text)
    {
        var lower = text.ToLowerInvariant();
        var comma = lower.IndexOf(',');
        var underscore = lower.IndexOf('_');
        var hex = underscore < 0 ? lower[(comma + 1)..] : lower[(comma + 1)..underscore];
        var key = hex[..^8].TrimStart('0');
        return $"{lower[..comma]},{(key.Length == 0 ? "0" : key)}{hex[^8..]}{(underscore < 0 ? "" : lower[underscore..])}";
    }

    /// <summary>Inserts, overwrites or removes one character (kind modulo 3) at a position within the text.</summary>
    private static string Edit(string text, byte kind, byte position, char character)
    {
        var at = position % (text.Length + 1);
        return (kind % 3, at < text.Length) switch
        {
            (0, _) => text.Insert(at, character.ToString()),
            (1, true) => string.Concat(text.AsSpan(0, at), character.ToString(), text.AsSpan(at + 1)),
            (2, true) => text.Remove(at, 1),
            _ => text,
        };
    }
}
