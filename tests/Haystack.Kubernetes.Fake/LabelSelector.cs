using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// The label selector query syntax: requirements joined by commas, each one of <c>k=v</c>, <c>k==v</c>,
/// <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) or <c>!k</c> (does not exist).
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject item)
    {
        var labels = new Dictionary<string, string>();
        if (item["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value?.GetValue<string>() ?? "";
            }
        }

        return _requirements.TrueForAll(requirement => requirement(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Invalid(whole, "empty requirement");
        }

        var words = part.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 3 && words[1] is "in" or "notin")
        {
            var key = words[0];
            var set = ParseSet(words[2], whole);
            return words[1] == "in"
                ? labels => labels.TryGetValue(key, out var v) && set.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !set.Contains(v);
        }

        if (part.Contains("!=", StringComparison.Ordinal))
        {
            var (key, value) = Pair(part, "!=", whole);
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        if (part.Contains("==", StringComparison.Ordinal))
        {
            var (key, value) = Pair(part, "==", whole);
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (part.Contains('=', StringComparison.Ordinal))
        {
            var (key, value) = Pair(part, "=", whole);
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (part.StartsWith('!'))
        {
            var key = ValidKey(part[1..].Trim(), whole);
            return labels => !labels.ContainsKey(key);
        }

        var exists = ValidKey(part, whole);
        return labels => labels.ContainsKey(exists);
    }

    private static (string Key, string Value) Pair(string part, string op, string whole)
    {
        var at = part.IndexOf(op, StringComparison.Ordinal);
        return (ValidKey(part[..at].Trim(), whole), part[(at + op.Length)..].Trim());
    }

    private static HashSet<string> ParseSet(string text, string whole)
    {
        if (!text.StartsWith('(') || !text.EndsWith(')'))
        {
            throw Invalid(whole, $"set '{text}' must be written as (a,b)");
        }

        return text[1..^1].Split(',', StringSplitOptions.TrimEntries).Where(v => v.Length > 0).ToHashSet();
    }

    private static string ValidKey(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '!' or '='))
        {
            throw Invalid(whole, $"'{key}' is not a valid label key");
        }

        return key;
    }

    /// <summary>Splits at commas that are not inside a set's parentheses.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static ApiError Invalid(string selector, string why) =>
        ApiError.BadRequest($"unable to parse requirement in label selector \"{selector}\": {why}");
}
