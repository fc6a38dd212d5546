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
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(long Value, Dictionary<string, string?> Tags)> _measurements = new();
    private bool _observable;

    public CounterListener(IMeterFactory factory, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StoreMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == instrumentName)
            {
                _observable = instrument.IsObservable;
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var copied = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value?.ToString();
            }
            _measurements.Enqueue((value, copied));
        });
        _listener.Start();
    }

    public long Total => Measurements().Sum(m => m.Value);

    /// <summary>The sum of measurements carrying this tag value.</summary>
    public long TotalWhere(string tag, string value) =>
        Measurements().Where(m => m.Tags.TryGetValue(tag, out var v) && v == value).Sum(m => m.Value);

    private ConcurrentQueue<(long Value, Dictionary<string, string?> Tags)> Measurements()
    {
        if (_observable)
        {
            _measurements.Clear();
            _listener.RecordObservableInstruments();
        }
        return _measurements;
    }

    public void Dispose() => _listener.Dispose();
}
