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

    private readonly Counter<long> _requests;
    private readonly Counter<long> _bytesRead;
    private readonly Counter<long> _bytesWritten;
    private long _corruptNeedles;
    private readonly Histogram<double> _duration;

    public StoreMetrics(IMeterFactory meterFactory, VolumeSet volumes)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("haystack.store.requests", "{request}", "Needle reads, writes and deletes, by operation and outcome.");
        _bytesRead = meter.CreateCounter<long>("haystack.store.read_bytes", "By", "Needle bytes returned to clients.");
        _bytesWritten = meter.CreateCounter<long>("haystack.store.written_bytes", "By", "Needle bytes accepted from clients and made durable.");
        // Observed rather than added to, so it is exported (as 0) from the first scrape on: an alert on its increase has
        // a series to watch before the first corrupt read.
        meter.CreateObservableCounter("haystack.store.corrupt_needles", () => Interlocked.Read(ref _corruptNeedles), "{needle}",
            "Reads refused because the needle failed its checks.");
        _duration = meter.CreateHistogram("haystack.store.request.duration", "s", "Time to serve a needle operation, by operation and outcome.",
            advice: RequestDurationBuckets.Seconds);
        VolumeGauges.Create(meter, volumes);
    }

    public void Record(StoreOperation operation, RequestOutcome outcome, long bytes, TimeSpan elapsed)
    {
        var operationTag = new KeyValuePair<string, object?>("operation", OperationName(operation));
        var outcomeTag = new KeyValuePair<string, object?>("outcome", OutcomeName(outcome));
        _requests.Add(1, operationTag, outcomeTag);
        _duration.Record(elapsed.TotalSeconds, operationTag, outcomeTag);
        if (outcome == RequestOutcome.Corrupt)
        {
            Interlocked.Increment(ref _corruptNeedles);
        }
        if (outcome != RequestOutcome.Ok || bytes == 0)
        {
            return;
        }
        if (operation == StoreOperation.Read)
        {
            _bytesRead.Add(bytes);
        }
        else if (operation == StoreOperation.Write)
        {
            _bytesWritten.Add(bytes);
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
