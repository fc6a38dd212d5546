using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>One additionalPrinterColumn of a CRD version: what <c>kubectl get</c> shows in a column.</summary>
internal sealed record PrinterColumn(string Name, string Type, string? Format, string? Description, string JsonPath, int Priority)
{
    /// <summary>The columns a CRD version without additionalPrinterColumns gets, as the apiextensions server does.</summary>
    public static IReadOnlyList<PrinterColumn> Default { get; } =
        [new("Age", "date", null, "CreationTimestamp is a timestamp representing the server time when this object was created.", ".metadata.creationTimestamp", 0)];

    public static PrinterColumn Read(JsonNode column) => new(
        column["name"]!.GetValue<string>(),
        column["type"]!.GetValue<string>(),
        column["format"]?.GetValue<string>(),
        column["description"]?.GetValue<string>(),
        column["jsonPath"]!.GetValue<string>(),
        column["priority"]?.GetValue<int>() ?? 0);

    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format ?? "",
        ["description"] = Description ?? "",
        ["priority"] = Priority,
    };
}
