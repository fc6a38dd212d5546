namespace Haystack.Client;

/// <summary>Where the servers are, and how long and how often <see cref="HaystackClient"/> tries them.</summary>
public sealed class HaystackClientOptions
{
    /// <summary>The Directory (uploads, lookups, deletes), e.g. <c>http://haystack-directory:7070</c>.</summary>
    public required Uri DirectoryUrl { get; init; }

    /// <summary>The Cache that <see cref="HaystackClient.GetAsync"/> reads through; without one, reads go to the replicas.</summary>
    public Uri? CacheUrl { get; init; }

    /// <summary>
    /// The cluster's key, sent as <c>Authorization: Bearer</c> on every request (uploads and deletes need it once the
    /// cluster has one; reads too when it has a read key). Null sends none. Never logged or put in an exception message.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>Bound on one attempt (connect, request, whole answer); a longer one counts as a failed attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a transient failure (connect error, 429, 502, 503, 504) is retried; 0 turns retries off.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; each further retry doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound on one retry delay, a server's <c>Retry-After</c> included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        RequireHttp(DirectoryUrl, nameof(DirectoryUrl));
        if (CacheUrl is not null)
        {
            RequireHttp(CacheUrl, nameof(CacheUrl));
        }
        if (AttemptTimeout <= TimeSpan.Zero && AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{nameof(AttemptTimeout)} must be positive (or infinite), not {AttemptTimeout}.");
        }
        if (MaxRetries < 0)
        {
            throw new ArgumentException($"{nameof(MaxRetries)} must be 0 or more, not {MaxRetries}.");
        }
        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            throw new ArgumentException(
                $"{nameof(RetryBaseDelay)} ({RetryBaseDelay}) must be positive and at most {nameof(MaxRetryDelay)} ({MaxRetryDelay}).");
        }
    }

    private static void RequireHttp(Uri? url, string name)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL such as http://127.0.0.1:7070, not '{url}'.");
        }
    }
}
