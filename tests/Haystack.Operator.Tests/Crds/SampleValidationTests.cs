using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Testing;
using k8s;
using k8s.Models;
using Haystack.Operator.Yaml;

namespace Haystack.Operator.Tests.Crds;

public sealed class SampleValidationTests
{
    public static TheoryData<string> Samples() => new(SampleFileNames());

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_valid_for_its_crd_schema(string fileName)
    {
        var (document, entityType) = ReadSample(fileName);

        Assert.Empty(StructuralSchemaValidator.Validate(HaystackCrds.Schema(entityType), document));
    }

    [Fact]
    public void Every_sample_is_valid_for_ajv_reading_the_same_schema()
    {
        foreach (var group in SampleFileNames().Select(ReadSample).GroupBy(sample => sample.EntityType))
        {
            var errors = NodeValidator.ValidateAgainstSchema(HaystackCrds.Schema(group.Key), group.Select(sample => sample.Document));

            Assert.All(errors, Assert.Empty);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_reads_into_its_entity_class_without_losing_fields(string fileName)
    {
        var (document, entityType) = ReadSample(fileName);

        object entity = entityType == typeof(V1Alpha1HaystackCluster)
            ? KubernetesJson.Deserialize<V1Alpha1HaystackCluster>(document.ToJsonString())
            : KubernetesJson.Deserialize<V1Alpha1HaystackVolume>(document.ToJsonString());
        var written = JsonNode.Parse(KubernetesJson.Serialize(entity))!;

        AssertContains(document, written, "");
    }

    [Fact]
    public void Every_kind_has_a_sample()
    {
        var sampled = SampleFileNames().Select(name => ReadSample(name).EntityType).ToHashSet();

        Assert.Equal(HaystackCrds.EntityTypes.ToHashSet(), sampled);
    }

    private static string[] SampleFileNames() =>
        Directory.GetFiles(RepositoryRoot.Combine("config", "samples"), "*.yaml").Select(path => Path.GetFileName(path)).Order().ToArray();

    private static (JsonNode Document, Type EntityType) ReadSample(string fileName)
    {
        var document = YamlReader.ReadDocuments(File.ReadAllText(RepositoryRoot.Combine("config", "samples", fileName))).Single();
        var kind = document["kind"]!.GetValue<string>();
        var entityType = HaystackCrds.EntityTypes.Single(t => t.GetCustomAttribute<KubernetesEntityAttribute>()!.Kind == kind);
        return (document, entityType);
    }

    // Every field of the sample survives; the entity may add its defaults.
    private static void AssertContains(JsonNode expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject map)
        {
            var actualMap = Assert.IsType<JsonObject>(actual);
            foreach (var (key, value) in map)
            {
                Assert.True(actualMap.ContainsKey(key), $"{path}.{key} was lost reading the sample into its entity class");
                AssertContains(value!, actualMap[key], $"{path}.{key}");
            }
            return;
        }
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"{path}: sample has {expected.ToJsonString()}, the entity wrote {actual?.ToJsonString()}");
    }
}
