using System.Text.Json.Serialization;

namespace Haystack.Protocol;

/// <summary>
/// The body of every HTTP error response: <c>{"error": "what went wrong and what to do"}</c>, and for the refusals a
/// calling server must tell apart from others of the same status a <c>"code"</c> (<see cref="CookieMismatch"/>).
/// </summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null)
{
    /// <summary>A store's 409 for a write to a key that is live under another cookie (not a read-only volume).</summary>
    public const string CookieMismatch = "cookie_mismatch";
}
