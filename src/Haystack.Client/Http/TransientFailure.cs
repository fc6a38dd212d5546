using System.Net;
using Polly;
using Polly.Timeout;

namespace Haystack.Client.Http;

/// <summary>Which outcomes may succeed when tried again: never a 4xx other than 429.</summary>
internal static class TransientFailure
{
    public static bool IsTransient(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, bool retryTimeouts) => outcome switch
    {
        // No status: refused or reset connections, unresolvable names, answers cut short.
        { Exception: HttpRequestException { StatusCode: null } } => true,
        { Exception: TimeoutRejectedException } => retryTimeouts,
        // HttpClient.Timeout; the caller's own cancellation is never retried (Polly stops on it first).
        { Exception: TaskCanceledException { InnerException: TimeoutException } } => retryTimeouts,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    /// <summary>The delay a 429 or 503 asked for with <c>Retry-After</c>, bounded; null to use the backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan longest)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date - DateTimeOffset.UtcNow);
        return delay is { } wait ? TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, longest.Ticks)) : null;
    }
}
