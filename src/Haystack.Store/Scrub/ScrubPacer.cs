using System.Diagnostics;
using System.Threading.RateLimiting;
using Haystack.Storage;

namespace Haystack.Store.Scrub;

/// <summary>
/// Bounds the scrub's reads to a number of bytes per second with a token bucket (System.Threading.RateLimiting), shared
/// by every volume of the store since they share one disk. A rate of 0, or <see cref="Pause"/>, holds the scrub until
/// <see cref="Resume"/> or a new rate. Also measures the rate actually reached, over windows of a few seconds.
/// </summary>
public sealed class ScrubPacer : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MeasureWindow = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private TokenBucketRateLimiter? _limiter;
    private TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytesPerSecond;
    private bool _pausedByAdministrator;
    private long _windowStart = Stopwatch.GetTimestamp();
    private long _windowBytes;
    private double _measured;
    private long _totalBytes;

    public ScrubPacer(long bytesPerSecond) => SetRate(bytesPerSecond);

    public long BytesPerSecond => Interlocked.Read(ref _bytesPerSecond);

    /// <summary>True while the scrub is held: paused by an administrator, or a rate of 0.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _pausedByAdministrator || _bytesPerSecond == 0;
            }
        }
    }

    /// <summary>Bytes per second read over the last measuring window (0 while paused or idle).</summary>
    public double MeasuredBytesPerSecond
    {
        get
        {
            lock (_lock)
            {
                return Stopwatch.GetElapsedTime(_windowStart) > MeasureWindow * 2 ? 0 : _measured;
            }
        }
    }

    /// <summary>Bytes read by the scrub since the store started.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public void SetRate(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerSecond);
        TokenBucketRateLimiter? old;
        lock (_lock)
        {
            old = _limiter;
            _bytesPerSecond = bytesPerSecond;
            var perPeriod = (int)Math.Clamp(bytesPerSecond / 10, 1, int.MaxValue / 4);
            // The bucket holds a quarter of a second's bytes, and at least one read block, so a block is never refused.
            var limit = (int)Math.Clamp(bytesPerSecond / 4, Volume.ScrubReadBlockBytes, int.MaxValue / 2);
            _limiter = bytesPerSecond == 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = Period,
                QueueLimit = limit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            UpdateRunning();
        }
        old?.Dispose();
    }

    public void Pause()
    {
        lock (_lock)
        {
            _pausedByAdministrator = true;
            UpdateRunning();
        }
    }

    public void Resume()
    {
        lock (_lock)
        {
            _pausedByAdministrator = false;
            UpdateRunning();
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> may be read (the throttle a <see cref="Volume.ScrubAsync"/> awaits).</summary>
    public async ValueTask AcquireAsync(int bytes, CancellationToken cancellationToken)
    {
        var left = bytes;
        while (left > 0)
        {
            Task running;
            TokenBucketRateLimiter? limiter;
            lock (_lock)
            {
                running = _running.Task;
                limiter = _limiter;
            }
            await running.WaitAsync(cancellationToken);
            if (limiter is null)
            {
                continue;
            }
            var part = Math.Min(left, Volume.ScrubReadBlockBytes);
            try
            {
                using var lease = await limiter.AcquireAsync(part, cancellationToken);
                if (!lease.IsAcquired)
                {
                    continue;
                }
            }
            catch (ObjectDisposedException)
            {
                continue; // the rate changed while waiting: ask the new bucket
            }
            left -= part;
        }
        Count(bytes);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _limiter?.Dispose();
            _limiter = null;
        }
    }

    private void Count(int bytes)
    {
        Interlocked.Add(ref _totalBytes, bytes);
        lock (_lock)
        {
            _windowBytes += bytes;
            var elapsed = Stopwatch.GetElapsedTime(_windowStart);
            if (elapsed >= MeasureWindow)
            {
                _measured = _windowBytes / elapsed.TotalSeconds;
                _windowBytes = 0;
                _windowStart = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Called with the lock held: opens the gate when neither paused nor at rate 0, closes it otherwise.</summary>
    private void UpdateRunning()
    {
        var run = !_pausedByAdministrator && _bytesPerSecond > 0;
        if (run)
        {
            _running.TrySetResult();
        }
        else if (_running.Task.IsCompleted)
        {
            _running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
