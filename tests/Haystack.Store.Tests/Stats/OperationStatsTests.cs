using Haystack.Store.Stats;

namespace Haystack.Store.Tests.Stats;

public sealed class OperationStatsTests
{
    [Fact]
    public void The_average_covers_only_the_latest_window_while_count_and_bytes_cover_everything()
    {
        var stats = new OperationStats(latencyWindow: 3);
        foreach (var milliseconds in new[] { 1000, 10, 20, 30 })
        {
            stats.Record(payloadBytes: 5, TimeSpan.FromMilliseconds(milliseconds));
        }

        var snapshot = stats.Snapshot();

        Assert.Equal(4, snapshot.Count);
        Assert.Equal(20, snapshot.Bytes);
        Assert.Equal(20, snapshot.AverageMilliseconds, precision: 6);
    }

    [Fact]
    public void The_average_of_a_partly_filled_window_is_over_the_requests_seen()
    {
        var stats = new OperationStats(latencyWindow: 1000);
        stats.Record(1, TimeSpan.FromMilliseconds(2));
        stats.Record(1, TimeSpan.FromMilliseconds(4));

        Assert.Equal(3, stats.Snapshot().AverageMilliseconds, precision: 6);
    }

    [Fact]
    public void No_requests_means_zero_average()
    {
        Assert.Equal(new OperationStatsSnapshot(0, 0, 0), new OperationStats().Snapshot());
    }
}
