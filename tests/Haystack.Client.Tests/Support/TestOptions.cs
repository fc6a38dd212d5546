namespace Haystack.Client.Tests.Support;

/// <summary>Client options for stub tests: short delays, so the retry tests do not wait for the defaults.</summary>
public static class TestOptions
{
    public static HaystackClientOptions For(Uri directory, Uri? cache = null, int retries = 3, TimeSpan? attemptTimeout = null) => new()
    {
        DirectoryUrl = directory,
        CacheUrl = cache,
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
    };
}
