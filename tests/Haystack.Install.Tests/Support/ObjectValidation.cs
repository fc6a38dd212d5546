using System.Text.Json.Nodes;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests.Support;

/// <summary>
/// Checks objects as the API server would before storing them: Kubernetes' own kinds and the ServiceMonitor,
/// Argo CD and Flux kinds against their published schemas (kubernetes-models), Haystack's own resources
/// against the openAPIV3Schema of the CRDs in crds/ (ajv).
/// </summary>
internal static class ObjectValidation
{
    public static void AssertValid(IReadOnlyCollection<JsonObject> objects)
    {
        Assert.NotEmpty(objects);
        var custom = objects.Where(o => ApiGroup(o) == "haystack.io").ToList();
        var others = objects.Except(custom).ToList();

        var errors = others.Zip(NodeValidator.ValidateKubernetesObjects(others))
            .Concat(custom.GroupBy(Chart.Kind).SelectMany(kind =>
                kind.Zip(NodeValidator.ValidateAgainstSchema(CrdSchema(kind.Key), kind))))
            .Where(pair => pair.Second.Count > 0)
            .Select(pair => $"{Chart.Kind(pair.First)} {Chart.Name(pair.First)}: {string.Join("; ", pair.Second)}");

        Assert.Empty(errors);
    }

    private static string ApiGroup(JsonObject o) => o["apiVersion"]!.GetValue<string>().Split('/')[0];

    private static JsonObject CrdSchema(string kind)
    {
        var crd = System.IO.Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml")
            .Select(path => YamlReader.ReadDocuments(File.ReadAllText(path)).Single())
            .Single(crd => crd["spec"]!["names"]!["kind"]!.GetValue<string>() == kind);
        return crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
    }
}
