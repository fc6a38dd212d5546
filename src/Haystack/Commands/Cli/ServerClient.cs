using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Haystack.Commands.Cli;

/// <summary>
/// HTTP calls to one Haystack server (directory, cache or store) with errors a user can act on: which
/// server, what it answered (its <c>{"error": ...}</c> body), or that it could not be reached at all.
/// </summary>
public sealed class ServerClient : IDisposable
{
    private readonly HttpClient _http;

    public ServerClient(string role, Uri baseAddress, TimeSpan? requestTimeout = null)
    {
        Role = role;
        BaseAddress = baseAddress;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = baseAddress,
            Timeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>What the server is, for messages: "directory", "cache", "store".</summary>
    public string Role { get; }

    public Uri BaseAddress { get; }

    /// <summary>Sends a request; only "could not reach" and timeouts throw, any HTTP status is returned.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error) when (error.StatusCode is null)
        {
            var reason = error.InnerException?.Message ?? error.Message;
            throw new CliException(
                $"cannot reach the {Role} at {BaseAddress}: {reason}. Is it running? (`haystack dev` starts a whole cluster on this machine.)",
                ExitCodes.Unreachable, error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                $"the {Role} at {BaseAddress} did not answer {request.Method} {request.RequestUri} within {_http.Timeout.TotalSeconds:0} s.",
                ExitCodes.Unreachable, error);
        }
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(method, path), cancellationToken);

    /// <summary>GETs a JSON document; any non-2xx answer becomes a <see cref="CliException"/>.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }
        return await ReadJsonAsync(response, cancellationToken);
    }

    public async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException($"the {Role} at {BaseAddress} answered {response.RequestMessage?.RequestUri} with something that is not JSON: {Shorten(body)}");
        }
    }

    /// <summary>The error to report for a non-2xx answer: status, the server's own message, which server.</summary>
    public async Task<CliException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = ErrorMessage(body);
        var status = $"{(int)response.StatusCode} {ReasonPhrase(response.StatusCode)}";
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        return new CliException(message is null
            ? $"the {Role} answered {status} to {what}."
            : $"the {Role} answered {status} to {what}: {message}");
    }

    public void Dispose() => _http.Dispose();

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
            // Not JSON (a proxy's page, plain text): show the start of it.
        }
        return Shorten(body);
    }

    private static string ReasonPhrase(HttpStatusCode code) => code switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        HttpStatusCode.RequestEntityTooLarge => "Content Too Large",
        HttpStatusCode.Conflict => "Conflict",
        _ => code.ToString(),
    };

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
