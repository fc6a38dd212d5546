using System.Text.Json;
using System.Text.Json.Nodes;

namespace Haystack.Testing;

/// <summary>
/// Runs Validation/validate.cjs with node and the npm tools under .tools/ (installed by hack/deps/npm.sh):
/// an independent check of our objects against Kubernetes' schemas and of our samples against our CRDs.
/// </summary>
public static class NodeValidator
{
    /// <summary>For each object, the errors kubernetes-models' validate() reports (empty when valid).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ValidateKubernetesObjects(IEnumerable<JsonNode> objects) =>
        Run("kubernetes", new JsonArray(objects.Select(o => o.DeepClone()).ToArray()));

    /// <summary>For each document, the errors ajv reports against the CRD's openAPIV3Schema.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ValidateAgainstSchema(JsonObject schema, IEnumerable<JsonNode> documents) =>
        Run("schema", new JsonObject
        {
            ["schema"] = schema.DeepClone(),
            ["documents"] = new JsonArray(documents.Select(d => d.DeepClone()).ToArray()),
        });

    private static IReadOnlyList<IReadOnlyList<string>> Run(string mode, JsonNode input)
    {
        var tools = RepositoryRoot.Combine(".tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException($"npm tools are missing under {tools}: run hack/deps/npm.sh");
        }
        var script = RepositoryRoot.Combine("tests", "Haystack.Testing", "Validation", "validate.cjs");
        // Called from synchronous tests and static initializers, so it blocks; the runner never needs the caller's context.
        var output = ExternalProcess.RunAsync(new ProcessCommand("node", [script, tools, mode]) { Input = input.ToJsonString() })
            .GetAwaiter().GetResult().Succeeded();
        return JsonSerializer.Deserialize<List<List<string>>>(output)!;
    }
}
