using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Yaml;

/// <summary>
/// Kubernetes objects as kubectl shows them (block style, sequences indented under their key, plain scalars where
/// YAML allows): KubernetesClient's JSON field names, written as YAML. k8s.KubernetesYaml leaves sequences unindented.
/// </summary>
public static class KubectlYaml
{
    public static string Serialize(IKubernetesObject<V1ObjectMeta> value) => Serialize([value]);

    /// <summary>A multi-document stream, one object per document.</summary>
    public static string Serialize(IEnumerable<IKubernetesObject<V1ObjectMeta>> values) =>
        YamlWriter.Write(values.Select(ToJson).ToList<JsonNode>());

    public static JsonObject ToJson(IKubernetesObject<V1ObjectMeta> value) =>
        JsonNode.Parse(KubernetesJson.Serialize(value))!.AsObject();
}
