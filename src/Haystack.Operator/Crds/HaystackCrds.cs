using System.Text.Json.Nodes;
using Haystack.Operator.Entities;
using Haystack.Operator.Yaml;

namespace Haystack.Operator.Crds;

/// <summary>The custom resources this operator serves, and their checked-in YAML under <c>crds/</c>.</summary>
public static class HaystackCrds
{
    public const string Header = "Generated from the C# entity classes in src/Haystack.Operator/Entities; do not edit.\nRegenerate with: hack/generate-crds.sh";

    public static IReadOnlyList<Type> EntityTypes { get; } = [typeof(V1Alpha1HaystackCluster), typeof(V1Alpha1HaystackVolume)];

    /// <summary>File name (group_plural.yaml) to YAML text, for every CRD.</summary>
    public static IReadOnlyDictionary<string, string> Render() =>
        EntityTypes.ToDictionary(
            CustomResourceDefinitionGenerator.FileName,
            type => YamlWriter.Write([CustomResourceDefinitionGenerator.Generate(type)], Header));

    /// <summary>The openAPIV3Schema of one entity's CRD.</summary>
    public static JsonObject Schema(Type entityType) => OpenApiSchemaGenerator.ForEntity(entityType);

    /// <summary>Writes every CRD into <paramref name="directory"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (fileName, yaml) in Render())
        {
            var path = Path.Combine(directory, fileName);
            File.WriteAllText(path, yaml);
            written.Add(path);
        }
        return written;
    }
}
