using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// The leaf fields of an object as paths, the unit server-side apply assigns to field managers.
/// Objects are walked; lists and scalars are leaves (the fake treats every list as atomic, where the real
/// server merges lists with merge keys, such as containers by name, item by item).
/// A path is its segments joined by <see cref="Separator"/>, which no JSON key of a Kubernetes object contains.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\u001f';

    private static readonly HashSet<string> TrackedMetadata = ["labels", "annotations", "ownerReferences", "finalizers"];

    /// <summary>The leaf paths of <paramref name="item"/> inside <paramref name="scope"/>.</summary>
    public static HashSet<string> Leaves(JsonObject item, FieldScope scope)
    {
        var paths = new HashSet<string>();
        foreach (var (key, value) in item)
        {
            if (scope.Includes(key) && value is not null)
            {
                Walk(key, value, paths, depth: 1, metadata: key == "metadata");
            }
        }

        return paths;
    }

    public static JsonNode? ValueAt(JsonObject item, string path)
    {
        JsonNode? node = item;
        foreach (var segment in path.Split(Separator))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    public static void SetAt(JsonObject item, string path, JsonNode? value)
    {
        var segments = path.Split(Separator);
        var node = item;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = new JsonObject();
                node[segment] = child;
            }

            node = child;
        }

        node[segments[^1]] = value?.DeepClone();
    }

    /// <summary>Removes a field and then any object it leaves empty, as server-side apply does.</summary>
    public static void RemoveAt(JsonObject item, string path)
    {
        var segments = path.Split(Separator);
        var chain = new List<JsonObject> { item };
        foreach (var segment in segments[..^1])
        {
            if (chain[^1][segment] is not JsonObject child)
            {
                return;
            }

            chain.Add(child);
        }

        chain[^1].Remove(segments[^1]);
        for (var i = chain.Count - 1; i > 0 && chain[i].Count == 0; i--)
        {
            chain[i - 1].Remove(segments[i - 1]);
        }
    }

    /// <summary>The fieldsV1 form: <c>{"f:spec":{"f:replicas":{}}}</c>.</summary>
    public static JsonObject Encode(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Split(Separator))
            {
                var key = "f:" + segment;
                if (node[key] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[key] = child;
                }

                node = child;
            }
        }

        return root;
    }

    public static HashSet<string> Decode(JsonObject? fields)
    {
        var paths = new HashSet<string>();
        if (fields is not null)
        {
            Collect(fields, prefix: null, paths);
        }

        return paths;
    }

    /// <summary>Paths whose value differs between two versions, including paths only one of them has.</summary>
    public static HashSet<string> Changed(JsonObject before, JsonObject after, FieldScope scope)
    {
        var changed = new HashSet<string>();
        var beforeLeaves = Leaves(before, scope);
        var afterLeaves = Leaves(after, scope);
        foreach (var path in beforeLeaves.Union(afterLeaves))
        {
            if (!JsonNode.DeepEquals(ValueAt(before, path), ValueAt(after, path)))
            {
                changed.Add(path);
            }
        }

        return changed;
    }

    private static void Walk(string path, JsonNode value, HashSet<string> paths, int depth, bool metadata)
    {
        // Clients own labels, annotations, owner references and finalizers; name, uid and the rest belong to the server.
        if (metadata && depth == 2 && !TrackedMetadata.Contains(path[(path.IndexOf(Separator) + 1)..]))
        {
            return;
        }

        if (value is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, child) in obj)
            {
                if (child is not null)
                {
                    Walk(path + Separator + key, child, paths, depth + 1, metadata);
                }
            }
        }
        else if (!(metadata && depth == 1))
        {
            paths.Add(path);
        }
    }

    private static void Collect(JsonObject fields, string? prefix, HashSet<string> paths)
    {
        foreach (var (key, child) in fields)
        {
            if (!key.StartsWith("f:", StringComparison.Ordinal))
            {
                continue;
            }

            var path = prefix is null ? key[2..] : prefix + Separator + key[2..];
            if (child is JsonObject nested && nested.Count > 0)
            {
                Collect(nested, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }
}

/// <summary>Which top-level fields a write may touch: the main resource, or only the status subresource.</summary>
internal sealed record FieldScope(bool StatusOnly, bool WithoutStatus)
{
    public static FieldScope MainResource(bool hasStatus) => new(false, hasStatus);

    public static FieldScope Status { get; } = new(true, false);

    public bool Includes(string topLevelKey) => topLevelKey switch
    {
        "apiVersion" or "kind" => false,
        "status" => !WithoutStatus,
        _ => !StatusOnly,
    };
}
