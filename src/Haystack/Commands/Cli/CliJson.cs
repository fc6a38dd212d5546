using System.Text.Json;

namespace Haystack.Commands.Cli;

/// <summary>JSON as the servers write it: snake_case names, case-insensitive reading.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
