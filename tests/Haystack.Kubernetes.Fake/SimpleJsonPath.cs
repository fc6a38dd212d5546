using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>[n]</c> and the filter <c>[?(@.field=="value")]</c>.
/// Yields the first match, as the API server's table converter prints one value per cell.
/// </summary>
internal static class SimpleJsonPath
{
    public static JsonNode? First(JsonNode? root, string path)
    {
        var current = root;
        var rest = path.Trim().TrimStart('{').TrimEnd('}');
        while (rest.Length > 0 && current is not null)
        {
            if (rest[0] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], 1);
                var field = end < 0 ? rest[1..] : rest[1..end];
                current = current is JsonObject obj ? obj[field] : null;
                rest = end < 0 ? "" : rest[end..];
            }
            else if (rest[0] == '[')
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                {
                    throw new FormatException($"unclosed [ in JSONPath {path}");
                }

                current = Select(current, rest[1..close], path);
                rest = rest[(close + 1)..];
            }
            else
            {
                throw new FormatException($"unsupported JSONPath {path}");
            }
        }

        return current;
    }

    private static JsonNode? Select(JsonNode node, string selector, string path)
    {
        if (node is not JsonArray items)
        {
            return null;
        }

        if (int.TryParse(selector, out var index))
        {
            return index >= 0 && index < items.Count ? items[index] : null;
        }

        // ?(@.type=="Ready")
        if (!selector.StartsWith("?(@.", StringComparison.Ordinal) || !selector.EndsWith(')') || !selector.Contains("=="))
        {
            throw new FormatException($"unsupported JSONPath filter [{selector}] in {path}");
        }

        var condition = selector[4..^1];
        var split = condition.IndexOf("==", StringComparison.Ordinal);
        var field = condition[..split];
        var wanted = condition[(split + 2)..].Trim('"', '\'');
        return items.FirstOrDefault(item => First(item, "." + field)?.ToString() == wanted);
    }
}
