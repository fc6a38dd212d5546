namespace Haystack.Store.Stats;

/// <summary>
/// Running figures for one kind of request, as Backpack's /stats reports them: how many succeeded, how many
/// payload bytes they moved, and the mean latency of the most recent ones.
/// </summary>
public sealed class OperationStats(int latencyWindow = 1000)
{
    private readonly object _gate = new();
    private readonly double[] _recentMilliseconds = new double[latencyWindow];
    private long _count;
    private long _bytes;
    private int _recentCount;
    private int _nextSlot;
    private double _recentSum;

    public void Record(long payloadBytes, TimeSpan elapsed)
    {
        var milliseconds = elapsed.TotalMilliseconds;
        lock (_gate)
        {
            _count++;
            _bytes += payloadBytes;
            // A running sum over a ring buffer keeps Record O(1); the slot being overwritten leaves the sum first.
            if (_recentCount == _recentMilliseconds.Length)
            {
                _recentSum -= _recentMilliseconds[_nextSlot];
            }
            else
            {
                _recentCount++;
            }
            _recentMilliseconds[_nextSlot] = milliseconds;
            _recentSum += milliseconds;
            _nextSlot = (_nextSlot + 1) % _recentMilliseconds.Length;
        }
    }

    public OperationStatsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new OperationStatsSnapshot(_count, _bytes, _recentCount == 0 ? 0 : Math.Max(0, _recentSum / _recentCount));
        }
    }
}
