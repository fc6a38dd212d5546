using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Haystack.Kubernetes.Serialization;

/// <summary>
/// metav1.Time: RFC 3339 in UTC with whole seconds ("2024-05-01T10:00:00Z"), the only form the API server writes.
/// </summary>
public sealed class KubernetesTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubernetesTime.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KubernetesTime.ToUtc(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

/// <summary>
/// metav1.MicroTime: RFC 3339 with exactly six fractional digits, as Lease and events.k8s.io timestamps require.
/// Applied per property (the fields are optional, hence <c>DateTime?</c>).
/// </summary>
public sealed class KubernetesMicroTimeConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KubernetesTime.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteStringValue(KubernetesTime.ToUtc(time).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal static class KubernetesTime
{
    public static DateTime Parse(string? text) =>
        DateTime.Parse(
            text ?? throw new JsonException("timestamp expected, got null"),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime ToUtc(DateTime value) =>
        value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
