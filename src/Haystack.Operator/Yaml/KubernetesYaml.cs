using System.Text.Json.Nodes;
using Haystack.Kubernetes;
using Haystack.Kubernetes.Models;

namespace Haystack.Operator.Yaml;

/// <summary>Kubernetes objects as kubectl shows them: KubernetesJson's field names, written as YAML.</summary>
public static class KubernetesYaml
{
    public static string Serialize(IKubernetesObject<V1ObjectMeta> value) => Serialize([value]);

    /// <summary>A multi-document stream, one object per document.</summary>
    public static string Serialize(IEnumerable<IKubernetesObject<V1ObjectMeta>> values) =>
        YamlWriter.Write(values.Select(ToJson).ToList<JsonNode>());

    public static JsonObject ToJson(IKubernetesObject<V1ObjectMeta> value) =>
        JsonNode.Parse(KubernetesJson.Serialize(value, value.GetType()))!.AsObject();
}
