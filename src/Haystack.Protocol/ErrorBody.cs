using System.Text.Json.Serialization;

namespace Haystack.Protocol;

/// <summary>The body of every HTTP error response: <c>{"error": "what went wrong and what to do"}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("error")] string Error);
