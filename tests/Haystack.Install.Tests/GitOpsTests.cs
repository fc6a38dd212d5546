using System.Text.Json.Nodes;
using Haystack.Install.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>
/// config/gitops: the Argo CD Application and the Flux HelmRelease are valid, install a valid cluster, and
/// grow it by a one-line change of store.replicas.
/// </summary>
public sealed class GitOpsTests
{
    public static TheoryData<string> Examples => new() { "argocd-application.yaml", "flux-helmrelease.yaml" };

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_is_valid_for_its_schema(string file)
    {
        // The CommonJS Flux models stop at helm.toolkit.fluxcd.io/v2beta2; v2, which Flux serves since 2.3,
        // kept every field of v2beta2's spec this example uses, so it is checked against that schema.
        var objects = Documents(File.ReadAllText(Path(file)))
            .Select(o => o["apiVersion"]!.GetValue<string>() == "helm.toolkit.fluxcd.io/v2" ? WithApiVersion(o, "helm.toolkit.fluxcd.io/v2beta2") : o)
            .ToList();

        ObjectValidation.AssertValid(objects);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_chart_with_the_examples_values_renders_a_valid_cluster(string file)
    {
        var objects = RenderWithValuesOf(File.ReadAllText(Path(file)));

        ObjectValidation.AssertValid(objects);
        Assert.Equal(6, Chart.Single(objects, "HaystackCluster")["spec"]!["store"]!["replicas"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Raising_store_replicas_is_one_line_in_git_and_one_line_in_the_rendered_release(string file)
    {
        var before = File.ReadAllText(Path(file));
        var lines = before.Split('\n');
        var line = Array.FindIndex(lines, l => l.Trim() == "store:") + 1;
        Assert.Equal("replicas: 6", lines[line].Trim());
        var after = string.Join('\n', lines.Select((l, i) => i == line ? l.Replace("replicas: 6", "replicas: 9") : l));

        var renderedBefore = Yaml(RenderWithValuesOf(before));
        var renderedAfter = Yaml(RenderWithValuesOf(after));

        Assert.Single(before.Split('\n').Zip(after.Split('\n')), pair => pair.First != pair.Second);
        var changed = renderedBefore.Zip(renderedAfter).Where(pair => pair.First != pair.Second).ToList();
        Assert.Equal(renderedBefore.Length, renderedAfter.Length);
        Assert.Equal([("replicas: 6", "replicas: 9")], changed.Select(pair => (pair.First.Trim(), pair.Second.Trim())));
    }

    private static IReadOnlyList<JsonObject> RenderWithValuesOf(string example)
    {
        var release = Documents(example).Single(o => Chart.Kind(o) is "Application" or "HelmRelease");
        var values = Chart.Kind(release) == "Application" ? release["spec"]!["source"]!["helm"]!["valuesObject"]! : release["spec"]!["values"]!;
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"haystack-gitops-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, values.ToJsonString());
        try
        {
            return Chart.Render(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The rendered release as YAML lines.</summary>
    private static string[] Yaml(IReadOnlyList<JsonObject> objects) => YamlWriter.Write(objects.ToList<JsonNode>()).Split('\n');

    private static JsonObject WithApiVersion(JsonObject o, string apiVersion)
    {
        var copy = o.DeepClone().AsObject();
        copy["apiVersion"] = apiVersion;
        return copy;
    }

    private static IEnumerable<JsonObject> Documents(string yaml) => YamlReader.ReadDocuments(yaml).Select(o => o.AsObject());

    private static string Path(string file) => RepositoryRoot.Combine("config", "gitops", file);
}
