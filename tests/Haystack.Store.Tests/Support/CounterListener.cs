using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Haystack.Store.Stats;

namespace Haystack.Store.Tests.Support;

/// <summary>Records one counter of the "Haystack.Store" meter created by one store's meter factory.</summary>
internal sealed class CounterListener : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(long Value, Dictionary<string, string?> Tags)> measurements = new();

    public CounterListener(IMeterFactory factory, string instrumentName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StoreMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var copied = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value?.ToString();
            }
            measurements.Enqueue((value, copied));
        });
        listener.Start();
    }

    public long Total => measurements.Sum(m => m.Value);

    /// <summary>The sum of measurements carrying this tag value.</summary>
    public long TotalWhere(string tag, string value) =>
        measurements.Where(m => m.Tags.TryGetValue(tag, out var v) && v == value).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();
}
