using System.Globalization;
using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test, addressed by RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonArray operations)
    {
        var document = (JsonObject)target.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op["op"]?.GetValue<string>() is not { } name || op["path"]?.GetValue<string>() is not { } path)
            {
                throw ApiError.BadRequest($"json patch operation {operation?.ToJsonString()} needs \"op\" and \"path\"");
            }

            switch (name)
            {
                case "add":
                    Add(document, path, RequiredValue(op));
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    Add(document, path, RequiredValue(op));
                    break;
                case "move":
                    var moved = Get(document, From(op))?.DeepClone();
                    Remove(document, From(op));
                    Add(document, path, moved);
                    break;
                case "copy":
                    Add(document, path, Get(document, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), op["value"]))
                    {
                        throw new ApiError(422, "Invalid", $"json patch test failed at {path}");
                    }

                    break;
                default:
                    throw ApiError.BadRequest($"json patch operation \"{name}\" is not one of add, remove, replace, move, copy, test");
            }
        }

        return document;
    }

    private static JsonNode? RequiredValue(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw ApiError.BadRequest($"json patch {op.ToJsonString()} needs \"value\"");

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw ApiError.BadRequest($"json patch {op.ToJsonString()} needs \"from\"");

    private static JsonNode? Get(JsonObject document, string path)
    {
        var (parent, last) = Parent(document, path);
        return parent switch
        {
            JsonObject obj when obj.ContainsKey(last) => obj[last],
            JsonArray array when Index(array, last, path, allowEnd: false) is var i => array[i],
            _ => throw Missing(path),
        };
    }

    private static void Add(JsonObject document, string path, JsonNode? value)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                array.Insert(last == "-" ? array.Count : Index(array, last, path, allowEnd: true), value);
                break;
            default:
                throw Missing(path);
        }
    }

    private static void Remove(JsonObject document, string path)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array:
                array.RemoveAt(Index(array, last, path, allowEnd: false));
                break;
            default:
                throw Missing(path);
        }
    }

    private static (JsonNode? Parent, string Last) Parent(JsonObject document, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw ApiError.BadRequest($"json patch path \"{path}\" must start with /");
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = document;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array => array[Index(array, token, path, allowEnd: false)],
                _ => null,
            };
        }

        return (node, tokens[^1]);
    }

    private static int Index(JsonArray array, string token, string path, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > array.Count || (!allowEnd && index == array.Count))
        {
            throw Missing(path);
        }

        return index;
    }

    private static ApiError Missing(string path) => new(422, "Invalid", $"json patch path {path} does not exist");
}
