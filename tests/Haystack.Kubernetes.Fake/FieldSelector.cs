using System.Text.Json;
using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// Field selectors (<c>metadata.name=a,status.phase!=Running</c>). The real server allows a few fields per
/// kind; the fake accepts any dotted path, which is a superset.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string[] Path, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string[], string, bool)> terms) => _terms = terms;

    public static FieldSelector Parse(string? text)
    {
        var terms = new List<(string[], string, bool)>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            {
                var op = part.Contains("!=", StringComparison.Ordinal) ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=";
                var at = part.IndexOf(op, StringComparison.Ordinal);
                if (at <= 0)
                {
                    throw ApiError.BadRequest($"invalid field selector \"{text}\": '{part}' needs field=value or field!=value");
                }

                terms.Add((part[..at].Split('.'), part[(at + op.Length)..], op != "!="));
            }
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject item) => _terms.TrueForAll(term => (ValueAt(item, term.Path) == term.Value) == term.Equal);

    private static string ValueAt(JsonObject item, string[] path)
    {
        JsonNode? node = item;
        foreach (var segment in path)
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
