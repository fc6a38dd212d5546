using System.Diagnostics.Metrics;
using Haystack.Cache.Memory;
using Haystack.Telemetry;

namespace Haystack.Cache;

/// <summary>
/// The cache's instruments on the "Haystack.Cache" meter, for the OpenTelemetry SDK or any MeterListener. They
/// observe <see cref="CacheStats"/> and the memory itself, so /stats and metrics can never disagree. Created
/// through <see cref="IMeterFactory"/> so that two nodes in one process keep separate figures.
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = TelemetryNames.Cache;

    public CacheMetrics(IMeterFactory meterFactory, CacheStats stats, PhotoCache cache)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("haystack.cache.requests", () => new[]
        {
            new Measurement<long>(stats.Hits, new KeyValuePair<string, object?>("result", "hit")),
            new Measurement<long>(stats.Misses, new KeyValuePair<string, object?>("result", "miss")),
        }, "{request}", "Photo reads served by this node, by hit or miss.");
        meter.CreateObservableCounter("haystack.cache.served_bytes", () => stats.BytesServed, "By", "Photo bytes sent to clients.");
        meter.CreateObservableCounter("haystack.cache.store_fetches", () => stats.StoreFetches, "{request}", "GETs sent to stores on misses.");
        meter.CreateObservableCounter("haystack.cache.failovers", () => stats.Failovers, "{failover}", "Reads moved to the next replica after one failed.");
        meter.CreateObservableCounter("haystack.cache.evictions", () => cache.Evictions, "{photo}", "Photos dropped to stay within the capacity.");
        meter.CreateObservableGauge("haystack.cache.bytes", () => cache.Bytes, "By", "Memory held by cached photos, overhead included.");
        meter.CreateObservableGauge("haystack.cache.items", () => cache.Count, "{photo}", "Photos cached.");
    }
}
