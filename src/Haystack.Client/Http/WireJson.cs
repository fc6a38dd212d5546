using System.Text.Json;

namespace Haystack.Client.Http;

/// <summary>JSON as the servers write it: snake_case names, case-insensitive reading.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
