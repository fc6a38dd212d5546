using System.Text.Json.Nodes;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests.Support;

/// <summary>charts/haystack rendered by the real helm, as the objects an install would create.</summary>
internal static class Chart
{
    public const string Namespace = "haystack-system";

    public static string Directory { get; } = RepositoryRoot.Combine("charts", "haystack");

    public static string AllOptionsValues { get; } = RepositoryRoot.Combine("charts", "haystack", "ci", "all-options-values.yaml");

    /// <summary>The templates and the CRDs, for release <c>haystack</c> in haystack-system.</summary>
    public static IReadOnlyList<JsonObject> Render(params string[] valuesFiles) => Parse(Template(valuesFiles).Succeeded());

    public static ProcessResult Template(params string[] valuesFiles) =>
        InstalledTool.Helm(["template", "haystack", Directory, "--namespace", Namespace, "--include-crds",
            .. valuesFiles.SelectMany(file => new[] { "--values", file })]);

    public static IReadOnlyList<JsonObject> Parse(string yaml) =>
        YamlReader.ReadDocuments(yaml).Where(document => document is not null).Select(document => document!.AsObject()).ToList();

    public static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public static JsonObject Single(IEnumerable<JsonObject> objects, string kind, string? name = null) =>
        objects.Single(o => Kind(o) == kind && (name is null || Name(o) == name));
}
