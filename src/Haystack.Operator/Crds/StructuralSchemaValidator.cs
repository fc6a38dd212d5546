using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Haystack.Operator.Crds;

/// <summary>
/// Validates a document against a CRD's structural OpenAPI schema the way the API server does before it
/// stores an object: types, required fields, enums, bounds, patterns, unique list-map keys, and unknown
/// fields (rejected, as kubectl's strict field validation does). CEL rules (x-kubernetes-validations)
/// need the old object and a CEL engine, so only the API server checks them.
/// </summary>
public static class StructuralSchemaValidator
{
    /// <summary>Every violation as "path: problem"; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonObject schema, JsonNode? document)
    {
        var errors = new List<string>();
        Check(schema, document, "", errors);
        return errors;
    }

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        var at = path.Length == 0 ? "<root>" : path;
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                errors.Add($"{at}: must not be null");
            }
            return;
        }
        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            CheckIntOrString(schema, value, at, errors);
            return;
        }
        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                CheckObject(schema, value, path, at, errors);
                break;
            case "array":
                CheckArray(schema, value, path, at, errors);
                break;
            case "string":
                if (Kind(value) != JsonValueKind.String)
                {
                    errors.Add($"{at}: must be a string, got {Describe(value)}");
                    return;
                }
                CheckString(schema, value.GetValue<string>(), at, errors);
                break;
            case "integer":
                if (Kind(value) != JsonValueKind.Number || !IsInteger(value))
                {
                    errors.Add($"{at}: must be an integer, got {Describe(value)}");
                    return;
                }
                CheckNumber(schema, value, at, errors);
                break;
            case "number":
                if (Kind(value) != JsonValueKind.Number)
                {
                    errors.Add($"{at}: must be a number, got {Describe(value)}");
                    return;
                }
                CheckNumber(schema, value, at, errors);
                break;
            case "boolean":
                if (Kind(value) is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{at}: must be true or false, got {Describe(value)}");
                }
                break;
        }
    }

    private static void CheckObject(JsonObject schema, JsonNode value, string path, string at, List<string> errors)
    {
        if (value is not JsonObject map)
        {
            errors.Add($"{at}: must be an object, got {Describe(value)}");
            return;
        }
        foreach (var name in schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            if (!map.ContainsKey(name))
            {
                errors.Add($"{Join(path, name)}: required field is missing");
            }
        }
        var properties = schema["properties"]?.AsObject();
        var additional = schema["additionalProperties"] as JsonObject;
        var preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (name, child) in map)
        {
            if (properties?[name] is JsonObject propertySchema)
            {
                Check(propertySchema, child, Join(path, name), errors);
            }
            else if (additional is not null)
            {
                Check(additional, child, Join(path, name), errors);
            }
            else if (properties is not null && !preserveUnknown)
            {
                errors.Add($"{Join(path, name)}: unknown field; known fields here: {string.Join(", ", properties.Select(p => p.Key))}");
            }
        }
    }

    private static void CheckArray(JsonObject schema, JsonNode value, string path, string at, List<string> errors)
    {
        if (value is not JsonArray list)
        {
            errors.Add($"{at}: must be a list, got {Describe(value)}");
            return;
        }
        if (schema["minItems"] is { } minItems && list.Count < minItems.GetValue<int>())
        {
            errors.Add($"{at}: must have at least {minItems} items, has {list.Count}");
        }
        if (schema["maxItems"] is { } maxItems && list.Count > maxItems.GetValue<int>())
        {
            errors.Add($"{at}: must have at most {maxItems} items, has {list.Count}");
        }
        if (schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Check(itemSchema, list[i], $"{path}[{i}]", errors);
            }
        }
        if (schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            var seen = new HashSet<string>();
            foreach (var item in list.OfType<JsonObject>())
            {
                var key = string.Join(",", keys.Select(k => item[k!.GetValue<string>()]?.ToJsonString() ?? "null"));
                if (!seen.Add(key))
                {
                    errors.Add($"{at}: duplicate entries with key {key}");
                }
            }
        }
    }

    private static void CheckString(JsonObject schema, string text, string at, List<string> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a?.GetValue<string>() == text))
        {
            errors.Add($"{at}: must be one of {string.Join(", ", allowed.Select(a => a!.GetValue<string>()))}, got \"{text}\"");
        }
        if (schema["minLength"] is { } minLength && text.Length < minLength.GetValue<int>())
        {
            errors.Add($"{at}: must be at least {minLength} characters long");
        }
        if (schema["maxLength"] is { } maxLength && text.Length > maxLength.GetValue<int>())
        {
            errors.Add($"{at}: must be at most {maxLength} characters long");
        }
        if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.ECMAScript | RegexOptions.CultureInvariant))
        {
            errors.Add($"{at}: \"{text}\" does not match {pattern.GetValue<string>()}");
        }
    }

    private static void CheckNumber(JsonObject schema, JsonNode value, string at, List<string> errors)
    {
        var number = AsDouble(value);
        if (schema["minimum"] is { } minimum && number < AsDouble(minimum))
        {
            errors.Add($"{at}: must be at least {minimum.ToJsonString()}, got {value.ToJsonString()}");
        }
        if (schema["maximum"] is { } maximum && number > AsDouble(maximum))
        {
            errors.Add($"{at}: must be at most {maximum.ToJsonString()}, got {value.ToJsonString()}");
        }
    }

    private static void CheckIntOrString(JsonObject schema, JsonNode value, string at, List<string> errors)
    {
        switch (Kind(value))
        {
            case JsonValueKind.Number when IsInteger(value):
                return;
            case JsonValueKind.String:
                CheckString(schema, value.GetValue<string>(), at, errors);
                return;
            default:
                errors.Add($"{at}: must be an integer or a string, got {Describe(value)}");
                return;
        }
    }

    private static JsonValueKind Kind(JsonNode value) => value.GetValueKind();

    // Nodes built in code hold CLR values, parsed ones hold JsonElements; their JSON text reads the same.
    private static double AsDouble(JsonNode value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private static bool IsInteger(JsonNode value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && number == decimal.Truncate(number);

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{value.GetValue<string>()}\"",
        _ => value.ToJsonString(),
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
