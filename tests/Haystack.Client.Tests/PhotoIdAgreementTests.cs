using FsCheck;
using FsCheck.Fluent;
using ClientId = Haystack.Client.PhotoId;
using StoreId = Haystack.Protocol.PhotoId;

namespace Haystack.Client.Tests;

/// <summary>
/// The client's <see cref="ClientId"/> and the servers' <see cref="StoreId"/> are two implementations of one text
/// form: on every input both accept or both refuse, and what they accept they read into the same parts and
/// print the same way.
/// </summary>
public sealed class PhotoIdAgreementTests
{
    private const string IdCharacters = "0123456789abcdefABCDEFxg,_ +-\u0663";

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData(",")]
    [InlineData("3,")]
    [InlineData("3,1a2b3c4d5e6f")]
    [InlineData("3,01637037d6")]
    [InlineData("12,FF0000BEEF")]
    [InlineData("0,100000000")]
    [InlineData("03,1a2b3c4d5e6f")]
    [InlineData("-3,1a2b3c4d5e6f")]
    [InlineData("+3,1a2b3c4d5e6f")]
    [InlineData(" 3,1a2b3c4d5e6f")]
    [InlineData("3,1a2b3c4d5e6f ")]
    [InlineData("3, 1a2b3c4d5e6f")]
    [InlineData("3,+1a2b3c4d5e6f")]
    [InlineData("3,0x1a2b3c4d5e6f")]
    [InlineData("3,12345678")]
    [InlineData("3,1234567g")]
    [InlineData("3,,1a2b3c4d5e6f")]
    [InlineData("3,1a2b3c4d5e6f_0")]
    [InlineData("3,1a2b3c4d5e6f_01")]
    [InlineData("3,1a2b3c4d5e6f_2")]
    [InlineData("3,1a2b3c4d5e6f_2_3")]
    [InlineData("3,1a2b3c4d5e6f_")]
    [InlineData("3,1a2b3c4d5e6f_4294967295")]
    [InlineData("3,1a2b3c4d5e6f_4294967296")]
    [InlineData("4294967295,ffffffffffffffffffffffff_4294967295")]
    [InlineData("4294967296,1a2b3c4d5e6f")]
    [InlineData("3,0000000000000001a2b3c4d5e6f")]
    [InlineData("3,11111111111111111deadbeef")]
    [InlineData("\u0663,1a2b3c4d5e6f")]
    [InlineData("3,1a2b3c4d5e6f_\u0663")]
    [InlineData("3;1a2b3c4d5e6f")]
    public void Both_parsers_agree_on_the_edge_cases(string text) => AssertAgree(text);

    [Fact]
    public void Both_parsers_agree_on_generated_strings_of_id_characters()
    {
        var texts = Gen.Elements(IdCharacters.ToCharArray()).ArrayOf().Select(chars => new string(chars)).ToArbitrary();
        Prop.ForAll(texts, text => Agree(text)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Both_parsers_agree_on_slightly_altered_valid_ids()
    {
        // One character inserted into, or removed from, the text of a valid id: the inputs closest to the edge.
        Prop.ForAll<uint, ulong, Tuple<uint, byte, byte>>((volume, key, rest) =>
        {
            var text = new StoreId(volume, key, (uint)(rest.Item3 % 3), rest.Item1).ToString();
            var at = rest.Item3 % (text.Length + 1);
            return Agree(rest.Item2 % 2 == 0
                ? text.Insert(at, IdCharacters[rest.Item2 % IdCharacters.Length].ToString())
                : text.Remove(Math.Min(at, text.Length - 1), 1));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Both_print_every_id_the_same_way_and_read_it_back()
    {
        Prop.ForAll<uint, ulong, Tuple<uint, uint>>((volume, key, alternateAndCookie) =>
        {
            var client = new ClientId(volume, key, alternateAndCookie.Item1, alternateAndCookie.Item2);
            var store = new StoreId(volume, key, alternateAndCookie.Item1, alternateAndCookie.Item2);
            return client.ToString() == store.ToString() && ClientId.Parse(store.ToString()) == client && StoreId.Parse(client.ToString()) == store;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_refused_id_says_what_is_wrong_with_it()
    {
        Assert.False(ClientId.TryParse("3,abc", out _, out var problem));
        Assert.Contains("must be 1 to 16 hex digits of key", problem);
        Assert.Contains("has no comma", Assert.Throws<FormatException>(() => ClientId.Parse("nonsense")).Message);
    }

    private static void AssertAgree(string text)
    {
        var storeAccepts = StoreId.TryParse(text, out var store, out var storeProblem);
        var clientAccepts = ClientId.TryParse(text, out var client, out var clientProblem);
        Assert.True(storeAccepts == clientAccepts,
            $"'{text}': the store {(storeAccepts ? "accepts" : $"refuses ({storeProblem})")}, the client {(clientAccepts ? "accepts" : $"refuses ({clientProblem})")}");
        if (storeAccepts)
        {
            Assert.Equal((store.VolumeId, store.Key, store.AlternateKey, store.Cookie), (client.VolumeId, client.Key, client.AlternateKey, client.Cookie));
            Assert.Equal(store.ToString(), client.ToString());
        }
    }

    private static bool Agree(string text)
    {
        AssertAgree(text);
        return true;
    }
}
