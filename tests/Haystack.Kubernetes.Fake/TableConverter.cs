using System.Globalization;
using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// Server-side printing: what the API server answers when a client (kubectl get) accepts
/// <c>application/json;as=Table;g=meta.k8s.io;v=v1</c>. A Name column, then the resource's printer columns;
/// date columns print as an age, as the apiextensions server's table converter does.
/// </summary>
internal static class TableConverter
{
    public static bool Wanted(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Convert(JsonObject listOrObject, IReadOnlyList<PrinterColumn> columns, DateTime now)
    {
        var items = listOrObject["items"] is JsonArray list ? list.Select(i => (JsonObject)i!).ToList() : [listOrObject];
        var definitions = new JsonArray(new JsonObject
        {
            ["name"] = "Name",
            ["type"] = "string",
            ["format"] = "name",
            ["description"] = "Name must be unique within a namespace.",
            ["priority"] = 0,
        });
        foreach (var column in columns)
        {
            definitions.Add(column.Definition());
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray(JsonValue.Create(item["metadata"]!["name"]!.GetValue<string>()));
            foreach (var column in columns)
            {
                cells.Add(Cell(SimpleJsonPath.First(item, column.JsonPath), column, now));
            }

            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]!.DeepClone(),
                },
            });
        }

        var metadata = new JsonObject();
        foreach (var key in new[] { "resourceVersion", "continue", "remainingItemCount" })
        {
            if (listOrObject["metadata"]?[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static JsonNode? Cell(JsonNode? value, PrinterColumn column, DateTime now)
    {
        if (value is null)
        {
            return null;
        }

        if (column.Type == "date" && DateTime.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at))
        {
            return HumanDuration(now - at);
        }

        return value is JsonValue ? value.DeepClone() : value.ToJsonString();
    }

    /// <summary>apimachinery's duration.HumanDuration: "42s", "3m20s", "2h5m", "3d4h", "2y10d".</summary>
    private static string HumanDuration(TimeSpan age)
    {
        var seconds = (long)age.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 120)
        {
            return $"{Math.Max(0, seconds)}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        var days = hours / 24;
        return hours < 24 * 365 * 8 && days % 365 != 0 ? $"{days / 365}y{days % 365}d" : $"{days / 365}y";
    }
}
