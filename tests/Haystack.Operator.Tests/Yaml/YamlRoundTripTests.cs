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
    public void StringsThatLookLikeOtherTypesAreQuotedAndReadBackAsStrings(string text)
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
    public void OrdinaryStringsStayPlain(string text)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["value"] = text });

        Assert.Equal($"value: {text}\n", yaml);
    }

    [Fact]
    public void PlainScalarsResolveToTheirTypes()
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
    public void NestedDocumentsSurviveARoundTrip()
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
    public void DocumentsAreSeparatedAndEmptyDocumentsSkipped()
    {
        var yaml = YamlWriter.Write([new JsonObject { ["a"] = 1 }, new JsonObject { ["b"] = 2 }]);

        Assert.Equal("a: 1\n---\nb: 2\n", yaml);
        Assert.Equal(2, YamlReader.ReadDocuments(yaml + "---\n").Count);
    }

    [Fact]
    public void DuplicateKeysAreRejectedWithTheirLine()
    {
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlReader.ReadDocuments("a: 1\na: 2\n"));

        Assert.Equal(2, error.Start.Line);
    }
}
