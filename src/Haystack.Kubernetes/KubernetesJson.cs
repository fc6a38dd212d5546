using System.Text.Json;
using System.Text.Json.Serialization;
using Haystack.Kubernetes.Serialization;

namespace Haystack.Kubernetes;

/// <summary>
/// The one JSON shape for every Kubernetes object: camelCase names, nulls omitted, times in RFC 3339 UTC.
/// A C# property named <c>NamespaceProperty</c> maps to the JSON field <c>namespace</c> (as in KubernetesClient);
/// other names that differ from camelCase carry <see cref="JsonPropertyNameAttribute"/>.
/// </summary>
public static class KubernetesJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string Serialize(object value, Type type) => JsonSerializer.Serialize(value, type, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty JSON for {typeof(T).Name}");

    public static T Deserialize<T>(JsonElement json) =>
        json.Deserialize<T>(Options) ?? throw new JsonException($"empty JSON for {typeof(T).Name}");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = new KubernetesNamingPolicy(),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new KubernetesTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class KubernetesNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) =>
            name == "NamespaceProperty" ? "namespace" : CamelCase.ConvertName(name);
    }
}
