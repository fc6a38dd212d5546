using FsCheck;
using FsCheck.Fluent;
using Haystack.Protocol;

namespace Haystack.Store.Tests;

public sealed class PhotoIdTests
{
    [Fact]
    public void Formatting_then_parsing_gives_the_same_id()
    {
        Prop.ForAll<uint, ulong, Tuple<uint, uint>>((volumeId, key, alternateKeyAndCookie) =>
        {
            var id = new PhotoId(volumeId, key, alternateKeyAndCookie.Item1, alternateKeyAndCookie.Item2);
            return PhotoId.Parse(id.ToString()) == id;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parses_the_seaweedfs_style_example_with_a_leading_zero_in_the_key()
    {
        var id = PhotoId.Parse("3,01637037d6");

        Assert.Equal(new PhotoId(3, 0x1, 0, 0x637037d6), id);
        Assert.Equal("3,1637037d6", id.ToString());
    }

    [Fact]
    public void Formats_the_alternate_key_as_a_suffix_only_when_it_is_set()
    {
        Assert.Equal("7,abc0000002a", new PhotoId(7, 0xabc, 0, 42).ToString());
        Assert.Equal("7,abc0000002a_3", new PhotoId(7, 0xabc, 3, 42).ToString());
    }

    [Fact]
    public void Accepts_uppercase_hex_and_formats_it_lowercase()
    {
        Assert.Equal("12,ff0000beef", PhotoId.Parse("12,FF0000BEEF").ToString());
    }

    [Fact]
    public void Holds_the_largest_values_of_every_part()
    {
        var id = new PhotoId(uint.MaxValue, ulong.MaxValue, uint.MaxValue, uint.MaxValue);
        var text = id.ToString();

        Assert.Equal(PhotoId.MaxLength, text.Length);
        Assert.Equal(id, PhotoId.Parse(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("3", "no comma")]
    [InlineData("x,1deadbeef", "volume")]
    [InlineData("-3,1deadbeef", "volume")]
    [InlineData("03,1deadbeef", "volume")]
    [InlineData("4294967296,1deadbeef", "volume")]
    [InlineData("3,deadbeef", "1 to 16 hex digits")]
    [InlineData("3,11111111111111111deadbeef", "1 to 16 hex digits")]
    [InlineData("3,1deadbeeg", "not hex")]
    [InlineData("3, 1deadbeef", "not hex")]
    [InlineData("3,1deadbeef_", "alternate key")]
    [InlineData("3,1deadbeef_0", "alternate key")]
    [InlineData("3,1deadbeef_x", "alternate key")]
    [InlineData("3,1deadbeef_01", "alternate key")]
    public void Refuses_malformed_ids_and_says_what_is_wrong(string text, string expectedProblem)
    {
        Assert.False(PhotoId.TryParse(text, out _, out var problem));
        Assert.Contains(expectedProblem, problem, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<FormatException>(() => PhotoId.Parse(text));
    }
}
