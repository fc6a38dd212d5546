namespace Haystack.Hosting.Uploads;

/// <summary>
/// An upload that could not get memory from the <see cref="UploadMemoryBudget"/> within its wait; each server answers
/// it with its own "unavailable" error (HTTP 503) and <c>Retry-After: <see cref="RetryAfter"/></c>.
/// </summary>
public sealed class UploadMemoryExhaustedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
