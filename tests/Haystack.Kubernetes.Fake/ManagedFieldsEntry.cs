using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>One metadata.managedFields entry, with its fieldsV1 decoded to a set of paths.</summary>
internal sealed class ManagedFieldsEntry(string manager, string operation, string? subresource, string apiVersion, string time, HashSet<string> paths)
{
    public string Manager { get; } = manager;

    /// <summary>"Apply" for server-side apply, "Update" for create, PUT and the other patches.</summary>
    public string Operation { get; } = operation;

    public string? Subresource { get; } = subresource;

    public string ApiVersion { get; } = apiVersion;

    public string Time { get; set; } = time;

    public HashSet<string> Paths { get; set; } = paths;

    public static List<ManagedFieldsEntry> Read(JsonObject item)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (item["metadata"]?["managedFields"] is JsonArray array)
        {
            foreach (var node in array.OfType<JsonObject>())
            {
                entries.Add(new ManagedFieldsEntry(
                    node["manager"]?.GetValue<string>() ?? "",
                    node["operation"]?.GetValue<string>() ?? "Update",
                    node["subresource"]?.GetValue<string>(),
                    node["apiVersion"]?.GetValue<string>() ?? "",
                    node["time"]?.GetValue<string>() ?? "",
                    FieldPaths.Decode(node["fieldsV1"] as JsonObject)));
            }
        }

        return entries;
    }

    public static void Write(JsonObject item, IEnumerable<ManagedFieldsEntry> entries)
    {
        var metadata = (JsonObject)item["metadata"]!;
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Paths.Count > 0))
        {
            var node = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldPaths.Encode(entry.Paths),
            };
            if (entry.Subresource is not null)
            {
                node["subresource"] = entry.Subresource;
            }

            array.Add(node);
        }

        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }

    public bool IsSameOwner(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    /// <summary>"spec.replicas" for messages, the form kubectl prints in apply conflicts.</summary>
    public static string Display(string path) => "." + path.Replace(FieldPaths.Separator, '.');
}
