using System.Diagnostics.Metrics;
using Haystack.Telemetry;

namespace Haystack.Store.Stats;

/// <summary>
/// The Store's request instruments on the "Haystack.Store" meter, for the OpenTelemetry SDK or any MeterListener.
/// Created through <see cref="IMeterFactory"/> so that two stores in one process keep separate figures; the same
/// meter carries the per-volume gauges (<see cref="VolumeGauges"/>).
/// </summary>
public sealed class StoreMetrics
{
    public const string MeterName = TelemetryNames.Store;

    private readonly Counter<long> requests;
    private readonly Counter<long> bytesRead;
    private readonly Counter<long> bytesWritten;
    private long corruptNeedles;
    private readonly Histogram<double> duration;

    public StoreMetrics(IMeterFactory meterFactory, VolumeSet volumes)
    {
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>("haystack.store.requests", "{request}", "Needle reads, writes and deletes, by operation and outcome.");
        bytesRead = meter.CreateCounter<long>("haystack.store.read_bytes", "By", "Needle bytes returned to clients.");
        bytesWritten = meter.CreateCounter<long>("haystack.store.written_bytes", "By", "Needle bytes accepted from clients and made durable.");
        // Observed rather than added to, so it is exported (as 0) from the first scrape on: an alert on its increase has
        // a series to watch before the first corrupt read.
        meter.CreateObservableCounter("haystack.store.corrupt_needles", () => Interlocked.Read(ref corruptNeedles), "{needle}",
            "Reads refused because the needle failed its checks.");
        duration = meter.CreateHistogram("haystack.store.request.duration", "s", "Time to serve a needle operation, by operation and outcome.",
            advice: RequestDurationBuckets.Seconds);
        VolumeGauges.Create(meter, volumes);
    }

    public void Record(StoreOperation operation, RequestOutcome outcome, long bytes, TimeSpan elapsed)
    {
        var operationTag = new KeyValuePair<string, object?>("operation", OperationName(operation));
        var outcomeTag = new KeyValuePair<string, object?>("outcome", OutcomeName(outcome));
        requests.Add(1, operationTag, outcomeTag);
        duration.Record(elapsed.TotalSeconds, operationTag, outcomeTag);
        if (outcome == RequestOutcome.Corrupt)
        {
            Interlocked.Increment(ref corruptNeedles);
        }
        if (outcome != RequestOutcome.Ok || bytes == 0)
        {
            return;
        }
        if (operation == StoreOperation.Read)
        {
            bytesRead.Add(bytes);
        }
        else if (operation == StoreOperation.Write)
        {
            bytesWritten.Add(bytes);
        }
    }

    private static string OperationName(StoreOperation operation) => operation switch
    {
        StoreOperation.Read => "read",
        StoreOperation.Write => "write",
        _ => "delete",
    };

    private static string OutcomeName(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.NotFound => "not_found",
        RequestOutcome.Rejected => "rejected",
        RequestOutcome.Corrupt => "corrupt",
        RequestOutcome.Aborted => "aborted",
        _ => "failed",
    };
}
