using System.Text.Json;
using System.Text.Json.Serialization;

namespace Haystack.Kubernetes.Models;

/// <summary>
/// resource.Quantity kept in its written form ("500m", "10Gi"). The API server canonicalises
/// quantities; we only carry them, so the string is the value.
/// </summary>
[JsonConverter(typeof(ResourceQuantityConverter))]
public sealed record ResourceQuantity(string Value)
{
    public static implicit operator ResourceQuantity(string value) => new(value);

    public override string ToString() => Value;
}

internal sealed class ResourceQuantityConverter : JsonConverter<ResourceQuantity>
{
    public override ResourceQuantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new ResourceQuantity(reader.GetString()!),
            // Hand-written manifests sometimes carry bare numbers ("cpu: 2").
            JsonTokenType.Number => new ResourceQuantity(reader.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw new JsonException($"quantity expected, got {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
