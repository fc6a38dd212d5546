using System.Diagnostics.Metrics;

namespace Haystack.Storage;

/// <summary>
/// The engine's instruments on the "Haystack.Storage" meter. The engine has no dependency injection, so the meter is
/// static: every volume in the process records into it (one store per process in production).
/// </summary>
public static class StorageMetrics
{
    public const string MeterName = "Haystack.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> FlushDuration = Meter.CreateHistogram("haystack.storage.fdatasync.duration", "s",
        "Time one group-commit fdatasync of a volume's data file took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Histogram<long> FlushBatch = Meter.CreateHistogram("haystack.storage.fdatasync.batch_size", "{write}",
        "Writes made durable by one fdatasync: how well group commit shares the flush under load.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    internal static void RecordFlush(long writes, TimeSpan elapsed)
    {
        FlushDuration.Record(elapsed.TotalSeconds);
        FlushBatch.Record(writes);
    }
}
