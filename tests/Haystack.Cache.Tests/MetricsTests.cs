using System.Diagnostics.Metrics;
using Haystack.Cache.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Cache.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_meter_reports_the_same_figures_as_stats()
    {
        await using var cluster = await TestCluster.StartAsync();
        var id = await cluster.UploadAsync(90, Photos.Random(2500, 90));
        for (var i = 0; i < 3; i++)
        {
            (await cluster.Cache.Http.GetAsync($"/{id}")).Dispose();
        }

        var factory = cluster.Cache.Server.Services.GetRequiredService<IMeterFactory>();
        var measured = new Dictionary<string, long>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CacheMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var name = tags.Length == 0 ? instrument.Name : $"{instrument.Name}.{tags[0].Value}";
                measured[name] = value;
            });
            listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measured[instrument.Name] = value);
            listener.Start();
            listener.RecordObservableInstruments();
        }

        var stats = await cluster.Cache.StatsAsync();
        Assert.Equal(2, measured["haystack.cache.requests.hit"]);
        Assert.Equal(1, measured["haystack.cache.requests.miss"]);
        Assert.Equal(3 * 2500, measured["haystack.cache.served_bytes"]);
        Assert.Equal(stats.GetProperty("bytes_cached").GetInt64(), measured["haystack.cache.bytes"]);
        Assert.Equal(1, measured["haystack.cache.items"]);
        Assert.Equal(1, measured["haystack.cache.store_fetches"]);
        Assert.Equal(0, measured["haystack.cache.failovers"]);
    }
}
