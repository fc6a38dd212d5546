using System.Text.Json.Nodes;
using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Yaml;

namespace Haystack.Operator.Tests.Crds;

/// <summary>
/// Invalid edits of a valid cluster are rejected by our validator with a message naming the field,
/// and ajv (an independent JSON Schema implementation) rejects the same edits: the schema says what we mean.
/// </summary>
public sealed class SchemaValidationTests
{
    private static readonly JsonObject Schema = HaystackCrds.Schema(typeof(V1Alpha1HaystackCluster));

    public static TheoryData<string, string, string> InvalidEdits() => new()
    {
        { "spec.store.replicas", "0", "spec.store.replicas: must be at least 1" },
        { "spec.store.replicas", "\"three\"", "spec.store.replicas: must be an integer" },
        { "spec.store.storageClassName", "\"Local_XFS\"", "spec.store.storageClassName: \"Local_XFS\" does not match" },
        { "spec.store.storageSize", "\"lots\"", "spec.store.storageSize: \"lots\" does not match" },
        { "spec.volume.replicas", "6", "spec.volume.replicas: must be at most 5" },
        { "spec.readOnlyThreshold", "1.5", "spec.readOnlyThreshold: must be at most 1" },
        { "spec.topology.acrossZones", "\"Sometimes\"", "spec.topology.acrossZones: must be one of DoNotSchedule, ScheduleAnyway" },
        { "spec.compaction.schedule", "\"nightly\"", "spec.compaction.schedule: \"nightly\" does not match" },
        { "spec.cache.resources.requests.memory", "true", "spec.cache.resources.requests.memory: must be an integer or a string" },
        { "spec.store.replica", "3", "spec.store.replica: unknown field" },
        { "spec.image", "null", "spec.image: must not be null" },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void InvalidEditIsRejectedByBothValidators(string path, string json, string expectedError)
    {
        var document = ValidCluster();
        Set(document, path, JsonNode.Parse(json));

        var ours = StructuralSchemaValidator.Validate(Schema, document);
        var ajv = NodeValidator.ValidateAgainstSchema(Schema, [document]).Single();

        Assert.Contains(ours, error => error.StartsWith(expectedError, StringComparison.Ordinal));
        Assert.NotEmpty(ajv);
    }

    [Theory]
    [InlineData("spec.image")]
    [InlineData("spec.store")]
    [InlineData("spec.store.storageClassName")]
    [InlineData("spec")]
    public void MissingRequiredFieldIsNamed(string path)
    {
        var document = ValidCluster();
        var parent = path.Contains('.') ? Navigate(document, path[..path.LastIndexOf('.')]) : document;
        parent.Remove(path[(path.LastIndexOf('.') + 1)..]);

        var errors = StructuralSchemaValidator.Validate(Schema, document);

        Assert.Contains($"{path}: required field is missing", errors);
        Assert.NotEmpty(NodeValidator.ValidateAgainstSchema(Schema, [document]).Single());
    }

    [Fact]
    public void DuplicateListMapKeysAreRejected()
    {
        var volume = YamlReader.ReadDocuments("""
            apiVersion: haystack.io/v1alpha1
            kind: Volume
            metadata: {name: v1}
            spec: {clusterName: photos, id: 1}
            status:
              placements:
                - {pod: photos-store-0, state: Healthy}
                - {pod: photos-store-0, state: Missing}
            """).Single();

        var errors = StructuralSchemaValidator.Validate(HaystackCrds.Schema(typeof(V1Alpha1HaystackVolume)), volume);

        Assert.Contains(errors, e => e.StartsWith("status.placements: duplicate entries", StringComparison.Ordinal));
    }

    [Fact]
    public void QuantitiesMayBeWrittenAsIntegers()
    {
        var document = ValidCluster();
        Set(document, "spec.store.resources.requests.cpu", JsonValue.Create(2));

        Assert.Empty(StructuralSchemaValidator.Validate(Schema, document));
        Assert.Empty(NodeValidator.ValidateAgainstSchema(Schema, [document]).Single());
    }

    private static JsonObject ValidCluster() => YamlReader.ReadDocuments(File.ReadAllText(
        RepositoryRoot.Combine("config", "samples", "haystack_v1alpha1_haystackcluster.yaml"))).Single().AsObject();

    private static void Set(JsonObject document, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = document;
        foreach (var part in parts[..^1])
        {
            parent = parent[part] as JsonObject ?? (JsonObject)(parent[part] = new JsonObject());
        }
        parent[parts[^1]] = value;
    }

    private static JsonObject Navigate(JsonObject document, string path) =>
        path.Split('.').Aggregate(document, (node, part) => node[part]!.AsObject());
}
