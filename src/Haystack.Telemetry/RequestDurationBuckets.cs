using System.Diagnostics.Metrics;

namespace Haystack.Telemetry;

/// <summary>
/// Histogram boundaries, in seconds, for the roles' own request durations. A page-cached needle read takes tens of
/// microseconds, a replicated upload milliseconds and a read that waits on the disk up to seconds, so the buckets
/// start at 50 µs (the SDK's default ones, made for milliseconds, would put every read in the first bucket).
/// </summary>
public static class RequestDurationBuckets
{
    public static InstrumentAdvice<double> Seconds { get; } = new()
    {
        HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };
}
