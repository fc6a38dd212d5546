namespace Haystack.Store.Stats;

/// <summary>
/// Running figures for one kind of request, as Backpack's /stats reports them: how many succeeded, how many
/// payload bytes they moved, and the mean latency of the most recent ones.
/// </summary>
public sealed class OperationStats(int latencyWindow = 1000)
{
    private readonly object gate = new();
    private readonly double[] recentMilliseconds = new double[latencyWindow];
    private long count;
    private long bytes;
    private int recentCount;
    private int nextSlot;
    private double recentSum;

    public void Record(long payloadBytes, TimeSpan elapsed)
    {
        var milliseconds = elapsed.TotalMilliseconds;
        lock (gate)
        {
            count++;
            bytes += payloadBytes;
            // A running sum over a ring buffer keeps Record O(1); the slot being overwritten leaves the sum first.
            if (recentCount == recentMilliseconds.Length)
            {
                recentSum -= recentMilliseconds[nextSlot];
            }
            else
            {
                recentCount++;
            }
            recentMilliseconds[nextSlot] = milliseconds;
            recentSum += milliseconds;
            nextSlot = (nextSlot + 1) % recentMilliseconds.Length;
        }
    }

    public OperationStatsSnapshot Snapshot()
    {
        lock (gate)
        {
            return new OperationStatsSnapshot(count, bytes, recentCount == 0 ? 0 : Math.Max(0, recentSum / recentCount));
        }
    }
}
