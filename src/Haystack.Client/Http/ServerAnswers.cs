using System.Text.Json;

namespace Haystack.Client.Http;

/// <summary>Reads servers' answers: JSON bodies, and failures with the server's own <c>{"error": ...}</c> message.</summary>
internal static class ServerAnswers
{
    public static async Task<T> ReadJsonAsync<T>(Endpoint server, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(body, WireJson.Options)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException error)
        {
            throw new HaystackException(
                $"the {server.Role} at {server.BaseUrl} answered {What(response)} with something this client cannot read ({error.Message}): {Shorten(body)}",
                server.BaseUrl, response.StatusCode, isTransient: false, error);
        }
    }

    /// <summary>The error for an answer that is not the one asked for: status, the server's message, which request.</summary>
    public static async Task<HaystackException> FailureAsync(Endpoint server, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var message = ErrorMessage(await response.Content.ReadAsStringAsync(cancellationToken));
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
        var text = $"the {server.Role} answered {status} to {What(response)}";
        return new HaystackException(message is null ? $"{text}." : $"{text}: {message}", server.BaseUrl, response.StatusCode,
            TransientFailure.IsTransient(response.StatusCode));
    }

    private static string What(HttpResponseMessage response) => $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";

    private static string? ErrorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, plain text): the start of it is the best explanation there is.
        }
        return Shorten(body);
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
