using System.Text.Json.Nodes;
using Haystack.Operator.Yaml;

namespace Haystack.Operator.Tests.Yaml;

public sealed class YamlRoundTripTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("-12")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData(".inf")]
    [InlineData("2024-05-01")]
    [InlineData(" padded ")]
    public void Strings_that_look_like_other_types_are_quoted_and_read_back_as_strings(string text)
    {
        var document = new JsonObject { ["value"] = text };

        var yaml = YamlWriter.Write(document);
        var read = YamlReader.ReadDocuments(yaml).Single();

        Assert.Contains("\"", yaml);
        Assert.Equal(text, read["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0 3 * * *")]
    [InlineData("kubernetes.io/hostname")]
    [InlineData("100Gi")]
    [InlineData("store --data /data")]
    public void Ordinary_strings_stay_plain(string text)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["value"] = text });

        Assert.Equal($"value: {text}\n", yaml);
    }

    [Fact]
    public void Plain_scalars_resolve_to_their_types()
    {
        var read = YamlReader.ReadDocuments("a: 3\nb: 2.5\nc: true\nd: null\ne: text\nf: '3'\ng: !!str 4\n").Single();

        Assert.Equal(3L, read["a"]!.GetValue<long>());
        Assert.Equal(2.5, read["b"]!.GetValue<double>());
        Assert.True(read["c"]!.GetValue<bool>());
        Assert.Null(read["d"]);
        Assert.Equal("text", read["e"]!.GetValue<string>());
        Assert.Equal("3", read["f"]!.GetValue<string>());
        Assert.Equal("4", read["g"]!.GetValue<string>());
    }

    [Fact]
    public void Nested_documents_survive_a_round_trip()
    {
        var original = new JsonObject
        {
            ["kind"] = "Service",
            ["spec"] = new JsonObject
            {
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 8080, ["name"] = "http" }),
                ["selector"] = new JsonObject(),
                ["empty"] = new JsonArray(),
                ["ratio"] = 0.95,
            },
            ["note"] = "line one\nline two\n",
        };

        var read = YamlReader.ReadDocuments(YamlWriter.Write(original)).Single();

        Assert.True(JsonNode.DeepEquals(original, read), read.ToJsonString());
    }

    [Fact]
    public void Documents_are_separated_and_empty_documents_skipped()
    {
        var yaml = YamlWriter.Write([new JsonObject { ["a"] = 1 }, new JsonObject { ["b"] = 2 }]);

        Assert.Equal("a: 1\n---\nb: 2\n", yaml);
        Assert.Equal(2, YamlReader.ReadDocuments(yaml + "---\n").Count);
    }

    [Fact]
    public void Duplicate_keys_are_rejected_with_their_line()
    {
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlReader.ReadDocuments("a: 1\na: 2\n"));

        Assert.Equal(2, error.Start.Line);
    }
}
