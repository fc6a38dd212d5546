using System.Text.Json.Nodes;

namespace Haystack.Install.Tests.Support;

/// <summary>The rights a set of roles grants, one (group, resource, resource name, verb) per entry.</summary>
internal static class RbacRules
{
    public static HashSet<(string Group, string Resource, string Name, string Verb)> Grants(IEnumerable<JsonObject> roles) =>
        roles.SelectMany(role => role["rules"]!.AsArray())
            .SelectMany(rule =>
                from apiGroup in Strings(rule!["apiGroups"])
                from resource in Strings(rule["resources"])
                from name in rule["resourceNames"] is null ? ["*"] : Strings(rule["resourceNames"])
                from verb in Strings(rule["verbs"])
                select (apiGroup, resource, name, verb))
            .ToHashSet();

    private static IEnumerable<string> Strings(JsonNode? list) => list!.AsArray().Select(n => n!.GetValue<string>());
}
