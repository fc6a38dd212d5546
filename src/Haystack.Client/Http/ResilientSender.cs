using System.Globalization;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;

namespace Haystack.Client.Http;

/// <summary>
/// Sends one request through the retry pipeline of its <see cref="RetryMode"/>. Any HTTP status is returned (the
/// last one when retries ran out); a server that was never reached, or never answered in time, becomes a
/// <see cref="HaystackUnreachableException"/>; the caller's cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ResilientSender(HttpClient httpClient, HaystackClientOptions options)
{
    private readonly AuthenticationHeaderValue? _authorization = options.Key is { } key ? new("Bearer", key) : null;
    private readonly ResiliencePipeline<HttpResponseMessage> _once = RetryPipelines.ForResponses(options, RetryMode.Never);
    private readonly ResiliencePipeline<HttpResponseMessage> _uploads = RetryPipelines.ForResponses(options, RetryMode.ExceptAfterTimeout);
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent = RetryPipelines.ForResponses(options, RetryMode.Always);

    public async Task<HttpResponseMessage> SendAsync(
        Endpoint server, HttpMethod method, string path, RetryMode mode, CancellationToken cancellationToken, Func<HttpContent>? content = null)
    {
        var url = server.Resolve(path);
        var pipeline = mode switch
        {
            RetryMode.Never => _once,
            RetryMode.ExceptAfterTimeout => _uploads,
            _ => _idempotent,
        };
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                // A request message can be sent only once: every attempt gets a new one (and new content).
                using var request = new HttpRequestMessage(method, url) { Content = content?.Invoke() };
                request.Headers.Authorization = _authorization;
                return await httpClient.SendAsync(request, token);
            }, cancellationToken);
        }
        catch (HttpRequestException error) when (error.StatusCode is null)
        {
            var reason = error.InnerException?.Message ?? error.Message;
            throw new HaystackUnreachableException($"cannot reach the {server.Role} at {server.BaseUrl}: {reason}.", server.BaseUrl, error);
        }
        catch (TimeoutRejectedException error)
        {
            throw NoAnswer(server, method, url, options.AttemptTimeout, error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(server, method, url, httpClient.Timeout, error);
        }
    }

    private static HaystackUnreachableException NoAnswer(Endpoint server, HttpMethod method, Uri url, TimeSpan limit, Exception error) => new(
        string.Create(CultureInfo.InvariantCulture, $"the {server.Role} at {server.BaseUrl} did not answer {method} {url} within {limit.TotalSeconds:0.###} s."),
        server.BaseUrl, error);
}
