using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// Discovery as client-go and kubectl read it: <c>/version</c>, <c>/api</c>, <c>/api/v1</c>, <c>/apis</c>,
/// <c>/apis/{group}</c> and <c>/apis/{group}/{version}</c>, in the legacy (unaggregated) form every client falls back to.
/// </summary>
public sealed partial class FakeApiServer
{
    private static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private JsonObject? Discovery(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var served = _resources.Values.ToList();
        return segments switch
        {
            ["version"] => new JsonObject
            {
                ["major"] = "1",
                ["minor"] = "34",
                ["gitVersion"] = "v1.34.0-haystack-fake",
                ["platform"] = "linux/amd64",
            },
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
                {
                    ["clientCIDR"] = "0.0.0.0/0",
                    ["serverAddress"] = BaseAddress.Authority,
                }),
            },
            ["apis"] => new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray([.. served.Select(r => r.Kind.Group).Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal)
                    .Select(group => (JsonNode)Group(group, served))]),
            },
            ["apis", var group] when served.Any(r => r.Kind.Group == group) => Group(group, served),
            ["api", var version] => ResourceList("", version, served),
            ["apis", var group, var version] => ResourceList(group, version, served),
            _ => null,
        };
    }

    private static JsonObject Group(string group, List<StoredResource> served)
    {
        var versions = served.Where(r => r.Kind.Group == group).Select(r => r.Kind.Version).Distinct().Order(StringComparer.Ordinal)
            .Select(version => new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version })
            .ToList();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = versions[^1].DeepClone(),
        };
    }

    private JsonObject? ResourceList(string group, string version, List<StoredResource> served)
    {
        var resources = served.Where(r => r.Kind.Group == group && r.Kind.Version == version)
            .OrderBy(r => r.Kind.Plural, StringComparer.Ordinal).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            var presentation = Presentation(resource.Kind);
            var entry = new JsonObject
            {
                ["name"] = resource.Kind.Plural,
                ["singularName"] = presentation.Singular,
                ["namespaced"] = resource.Kind.Namespaced,
                ["kind"] = resource.Kind.Kind,
                ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
            };
            if (presentation.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. presentation.ShortNames.Select(v => (JsonNode)v)]);
            }

            if (presentation.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray([.. presentation.Categories.Select(v => (JsonNode)v)]);
            }

            entries.Add(entry);
            if (resource.HasStatus)
            {
                entries.Add(new JsonObject
                {
                    ["name"] = resource.Kind.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Kind.Namespaced,
                    ["kind"] = resource.Kind.Kind,
                    ["verbs"] = new JsonArray([.. SubresourceVerbs.Select(v => (JsonNode)v)]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = entries,
        };
    }

    private ResourcePresentation Presentation(ApiResource kind) =>
        _presentations.TryGetValue(kind, out var presentation) ? presentation : ResourcePresentation.For(kind);

    private static bool IsDiscoveryPath(HttpRequest request) =>
        request.Method == "GET" && (request.Path.Value ?? "").Trim('/').Split('/') is ["version"] or ["api"] or ["api", _] or ["apis"] or ["apis", _] or ["apis", _, _];
}
