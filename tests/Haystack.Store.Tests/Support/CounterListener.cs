using System.Diagnostics.Metrics;
using Haystack.Store.Stats;

namespace Haystack.Store.Tests.Support;

/// <summary>Sums one counter of the "Haystack.Store" meter created by one store's meter factory.</summary>
internal sealed class CounterListener : IDisposable
{
    private readonly MeterListener listener = new();
    private long total;

    public CounterListener(IMeterFactory factory, string instrumentName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StoreMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
    }

    public long Total => Interlocked.Read(ref total);

    public void Dispose() => listener.Dispose();
}
