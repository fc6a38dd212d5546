using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Haystack.Commands.Cli;

/// <summary>
/// Renders any server's <c>/stats</c> JSON for people: scalars as a name/value grid, nested objects as
/// indented sections, arrays of objects (volumes, nodes) as tables. Byte counts are also shown in KiB/MiB/GiB.
/// </summary>
public static class JsonView
{
    public static IRenderable Render(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => RenderObject(element),
        JsonValueKind.Array => RenderArray(element),
        _ => new Text(Scalar(string.Empty, element)),
    };

    private static IRenderable RenderObject(JsonElement element)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        var sections = new List<IRenderable>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && !IsScalarArray(property.Value))
            {
                sections.Add(new Rows(new Text(property.Name, new Style(decoration: Decoration.Bold)), new Padder(Render(property.Value), new Padding(2, 0, 0, 0))));
            }
            else
            {
                grid.AddRow(new Text(property.Name), new Text(Scalar(property.Name, property.Value)));
            }
        }
        return new Rows([grid, .. sections]);
    }

    private static IRenderable RenderArray(JsonElement element)
    {
        var items = element.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            return new Text("(none)");
        }
        if (items.All(item => item.ValueKind == JsonValueKind.Object))
        {
            var columns = items.SelectMany(item => item.EnumerateObject().Select(property => property.Name)).Distinct().ToList();
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in columns)
            {
                table.AddColumn(new TableColumn(column));
            }
            foreach (var item in items)
            {
                table.AddRow(columns.Select(column => (IRenderable)new Text(
                    item.TryGetProperty(column, out var value) ? Scalar(column, value) : "")).ToArray());
            }
            return table;
        }
        return new Rows(items.Select(Render));
    }

    private static bool IsScalarArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(item => item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));

    private static string Scalar(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null => "-",
        JsonValueKind.Number when name.Contains("bytes", StringComparison.OrdinalIgnoreCase) && value.TryGetInt64(out var bytes) && bytes >= 1024 =>
            string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} ({ByteSize.Format(bytes)})"),
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole.ToString("N0", CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(item => Scalar(name, item))),
        _ => value.GetRawText(),
    };
}
