using k8s;
using Haystack.Operator.Entities;
using Haystack.Operator.Yaml;
using YamlDotNet.Core;

namespace Haystack.Operator.Crds;

/// <summary>
/// Reads a HaystackCluster from YAML the way the API server would accept it: checked against the CRD
/// schema first, defaults from the entity classes, namespace "default" when none is given.
/// </summary>
public static class ClusterManifest
{
    /// <exception cref="InvalidResourceException">Not YAML, no HaystackCluster, or not valid for the schema.</exception>
    public static V1Alpha1HaystackCluster Read(string yaml, string source)
    {
        IReadOnlyList<System.Text.Json.Nodes.JsonNode> documents;
        try
        {
            documents = YamlReader.ReadDocuments(yaml);
        }
        catch (YamlException e)
        {
            throw new InvalidResourceException(source, [$"line {e.Start.Line}, column {e.Start.Column}: {e.Message}"]);
        }
        var matching = documents
            .Where(d => d["apiVersion"]?.GetValue<string>() == HaystackApi.ApiVersion && d["kind"]?.GetValue<string>() == HaystackApi.ClusterKind)
            .ToList();
        if (matching.Count != 1)
        {
            throw new InvalidResourceException(source, [$"expected exactly one {HaystackApi.ApiVersion} {HaystackApi.ClusterKind}, found {matching.Count}"]);
        }
        var problems = StructuralSchemaValidator.Validate(HaystackCrds.Schema(typeof(V1Alpha1HaystackCluster)), matching[0]);
        if (problems.Count > 0)
        {
            throw new InvalidResourceException(source, problems);
        }
        var cluster = KubernetesJson.Deserialize<V1Alpha1HaystackCluster>(matching[0].ToJsonString());
        if (string.IsNullOrEmpty(cluster.Metadata.Name))
        {
            throw new InvalidResourceException(source, ["metadata.name: required field is missing"]);
        }
        cluster.Metadata.NamespaceProperty ??= "default";
        return cluster;
    }
}
