namespace Haystack.Store.Scrub;

/// <summary>How a store scrubs its volumes in the background (docs/store-api.md, "Scrub").</summary>
public sealed record ScrubOptions
{
    /// <summary>
    /// Bytes read per second by the scrub, over all volumes (one disk); 0 pauses it. The default keeps the cost to GET
    /// latency within what docs/benchmarks.md measured ("Scrub").
    /// </summary>
    public long BytesPerSecond { get; init; } = 4L * 1024 * 1024;

    /// <summary>Bytes of a volume checked between two checkpoints (the resume point after a restart).</summary>
    public long StepBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Time from the end of one whole pass of a volume to the start of the next.</summary>
    public TimeSpan PassInterval { get; init; } = TimeSpan.FromHours(24);

    public void Validate()
    {
        if (BytesPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BytesPerSecond), BytesPerSecond, "The scrub rate is 0 (paused) or more bytes per second.");
        }
        if (StepBytes < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(StepBytes), StepBytes, "A scrub step is at least 1 MiB.");
        }
        if (PassInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PassInterval), PassInterval, "The time between scrub passes cannot be negative.");
        }
    }
}
