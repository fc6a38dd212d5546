using System.Text.Json.Nodes;
using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Crds;

/// <summary>
/// Invalid edits of a valid cluster are rejected by our validator with a message naming the field,
/// and ajv (an independent JSON Schema implementation) rejects the same edits: the schema says what we mean.
/// </summary>
public sealed class SchemaValidationTests
{
    private static readonly JsonObject Schema = HaystackCrds.Schema(typeof(V1Alpha1HaystackCluster));

    private static readonly (string Path, string Json, string Error)[] Edits =
    [
        ("spec.store.replicas", "0", "spec.store.replicas: must be at least 1"),
        ("spec.store.replicas", "\"three\"", "spec.store.replicas: must be an integer"),
        ("spec.store.storageClassName", "\"Local_XFS\"", "spec.store.storageClassName: \"Local_XFS\" does not match"),
        ("spec.store.storageSize", "\"lots\"", "spec.store.storageSize: \"lots\" does not match"),
        ("spec.volume.replicas", "6", "spec.volume.replicas: must be at most 5"),
        ("spec.readOnlyThreshold", "1.5", "spec.readOnlyThreshold: must be at most 1"),
        ("spec.topology.acrossZones", "\"Sometimes\"", "spec.topology.acrossZones: must be one of DoNotSchedule, ScheduleAnyway"),
        ("spec.compaction.schedule", "\"nightly\"", "spec.compaction.schedule: \"nightly\" does not match"),
        ("spec.cache.resources.requests.memory", "true", "spec.cache.resources.requests.memory: must be an integer or a string"),
        ("spec.store.replica", "3", "spec.store.replica: unknown field"),
        ("spec.image", "null", "spec.image: must not be null"),
    ];

    private static readonly string[] RequiredPaths = ["spec.image", "spec.store", "spec.store.storageClassName", "spec"];

    public static TheoryData<string, string, string> InvalidEdits()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, json, error) in Edits)
        {
            data.Add(path, json, error);
        }
        return data;
    }

    public static TheoryData<string> RequiredFields() => new(RequiredPaths);

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void Invalid_edit_is_rejected_with_the_field_named(string path, string json, string expectedError)
    {
        var errors = StructuralSchemaValidator.Validate(Schema, Edited(path, json));

        Assert.Contains(errors, error => error.StartsWith(expectedError, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Missing_required_field_is_named(string path)
    {
        var errors = StructuralSchemaValidator.Validate(Schema, Without(path));

        Assert.Contains($"{path}: required field is missing", errors);
    }

    [Fact]
    public void Ajv_agrees_on_every_edit_and_omission()
    {
        var invalid = Edits.Select(edit => Edited(edit.Path, edit.Json)).Concat(RequiredPaths.Select(Without)).ToList();
        var valid = new[] { ValidCluster(), Edited("spec.store.resources.requests.cpu", "2") };

        // One node process for all documents: starting it costs about a second.
        var errors = NodeValidator.ValidateAgainstSchema(Schema, [.. valid, .. invalid]);

        Assert.All(errors.Take(valid.Length), Assert.Empty);
        Assert.All(errors.Skip(valid.Length), Assert.NotEmpty);
    }

    [Fact]
    public void Duplicate_list_map_keys_are_rejected()
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
    public void Quantities_may_be_written_as_integers()
    {
        Assert.Empty(StructuralSchemaValidator.Validate(Schema, Edited("spec.store.resources.requests.cpu", "2")));
    }

    private static JsonObject Edited(string path, string json)
    {
        var document = ValidCluster();
        Set(document, path, JsonNode.Parse(json));
        return document;
    }

    private static JsonObject Without(string path)
    {
        var document = ValidCluster();
        var parent = path.Contains('.') ? Navigate(document, path[..path.LastIndexOf('.')]) : document;
        parent.Remove(path[(path.LastIndexOf('.') + 1)..]);
        return document;
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
