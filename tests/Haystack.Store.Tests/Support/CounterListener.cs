using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Haystack.Store.Stats;

namespace Haystack.Store.Tests.Support;

/// <summary>
/// Records one counter of the "Haystack.Store" meter created by one store's meter factory. An observable counter is
/// read when a total is asked for; its latest observation is its total.
/// </summary>
internal sealed class CounterListener : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(long Value, Dictionary<string, string?> Tags)> measurements = new();
    private bool observable;

    public CounterListener(IMeterFactory factory, string instrumentName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StoreMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == instrumentName)
            {
                observable = instrument.IsObservable;
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

    public long Total => Measurements().Sum(m => m.Value);

    /// <summary>The sum of measurements carrying this tag value.</summary>
    public long TotalWhere(string tag, string value) =>
        Measurements().Where(m => m.Tags.TryGetValue(tag, out var v) && v == value).Sum(m => m.Value);

    private ConcurrentQueue<(long Value, Dictionary<string, string?> Tags)> Measurements()
    {
        if (observable)
        {
            measurements.Clear();
            listener.RecordObservableInstruments();
        }
        return measurements;
    }

    public void Dispose() => listener.Dispose();
}
