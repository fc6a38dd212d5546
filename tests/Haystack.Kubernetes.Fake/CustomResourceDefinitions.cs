using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>Reads a stored CustomResourceDefinition into the resources it serves, one per served version.</summary>
internal static class CustomResourceDefinitions
{
    public static IEnumerable<(StoredResource Resource, ResourcePresentation Presentation)> Served(JsonObject definition)
    {
        var spec = definition["spec"] ?? throw ApiError.BadRequest("a CustomResourceDefinition needs a spec");
        var group = Text(spec, "group");
        var names = spec["names"] ?? throw ApiError.BadRequest("a CustomResourceDefinition needs spec.names");
        var plural = Text(names, "plural");
        var kind = Text(names, "kind");
        var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
        var presentationNames = (
            Singular: names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
            ShortNames: Strings(names["shortNames"]),
            Categories: Strings(names["categories"]));
        foreach (var version in spec["versions"]?.AsArray() ?? [])
        {
            if (version is null || version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var columns = version["additionalPrinterColumns"] is JsonArray { Count: > 0 } given
                ? given.Select(c => PrinterColumn.Read(c!)).ToList()
                : PrinterColumn.Default;
            var resource = new StoredResource(
                new ApiResource(group, Text(version, "name"), plural, kind, namespaced),
                HasStatus: version["subresources"]?["status"] is not null,
                IsCustom: true);
            yield return (resource, new ResourcePresentation(presentationNames.Singular, presentationNames.ShortNames, presentationNames.Categories, columns));
        }
    }

    private static string Text(JsonNode node, string field) =>
        node[field]?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw ApiError.BadRequest($"a CustomResourceDefinition needs {field}");

    private static List<string> Strings(JsonNode? array) =>
        array is JsonArray items ? [.. items.Select(i => i!.GetValue<string>())] : [];
}
