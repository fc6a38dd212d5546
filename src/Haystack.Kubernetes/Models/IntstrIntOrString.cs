using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Haystack.Kubernetes.Models;

/// <summary>
/// intstr.IntOrString: a port number or port name, a count or a percentage ("25%").
/// Written as a JSON number when the value is an integer, as a string otherwise.
/// </summary>
[JsonConverter(typeof(IntstrIntOrStringConverter))]
public sealed record IntstrIntOrString(string Value)
{
    public static implicit operator IntstrIntOrString(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static implicit operator IntstrIntOrString(string value) => new(value);

    public bool IsInt => int.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public override string ToString() => Value;
}

internal sealed class IntstrIntOrStringConverter : JsonConverter<IntstrIntOrString>
{
    public override IntstrIntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => new IntstrIntOrString(reader.GetInt32().ToString(CultureInfo.InvariantCulture)),
            JsonTokenType.String => new IntstrIntOrString(reader.GetString()!),
            _ => throw new JsonException($"int-or-string expected, got {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, IntstrIntOrString value, JsonSerializerOptions options)
    {
        if (int.TryParse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
