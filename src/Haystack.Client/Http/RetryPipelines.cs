using Polly;
using Polly.Retry;

namespace Haystack.Client.Http;

/// <summary>
/// The Polly pipelines behind every call: an outer retry with exponential backoff and jitter (a server's
/// <c>Retry-After</c> wins when it sent one), and an inner timeout on each attempt.
/// </summary>
internal static class RetryPipelines
{
    public static ResiliencePipeline<HttpResponseMessage> ForResponses(HaystackClientOptions options, RetryMode mode)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (mode != RetryMode.Never && options.MaxRetries > 0)
        {
            var retryTimeouts = mode == RetryMode.Always;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = arguments => ValueTask.FromResult(TransientFailure.IsTransient(arguments.Outcome, retryTimeouts)),
                DelayGenerator = arguments => ValueTask.FromResult(TransientFailure.RetryAfter(arguments.Outcome.Result, options.MaxRetryDelay)),
            });
        }
        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.AttemptTimeout);
        }
        return builder.Build();
    }

    /// <summary>For a read that fails over between replicas: a round (lookup, then each replica once) is retried when it failed transiently.</summary>
    public static ResiliencePipeline ForRounds(HaystackClientOptions options)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<HaystackException>(failure => failure.IsTransient),
            })
            .Build();
    }
}
