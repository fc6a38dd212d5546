using System.Threading.Channels;

namespace Haystack.Operator.Controller;

/// <summary>
/// A rate-free work queue with client-go's guarantees: a key waits in the queue at most once however
/// often it is added; a key being processed is never handed to a second worker, and if it was added
/// meanwhile it is queued again when the first worker is done. Delayed adds keep only the earliest due time.
/// </summary>
public sealed class WorkQueue<TKey>(TimeProvider time) : IDisposable
    where TKey : notnull
{
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, (DateTimeOffset Due, ITimer Timer)> _delayed = [];
    private readonly Lock _lock = new();

    /// <summary>Keys queued or being processed and queued again; for tests and metrics.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _dirty.Count;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (!_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }
            _ready.Writer.TryWrite(key);
        }
    }

    /// <summary>Adds the key after <paramref name="delay"/>, unless an earlier delayed add is already pending.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_lock)
        {
            var due = time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }
                pending.Timer.Dispose();
            }
            _delayed[key] = (due, time.CreateTimer(_ => Fire(key), null, delay, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>The next key; the caller must call <see cref="Done"/> with it when finished.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _ready.Reader.ReadAsync(cancellationToken);
        lock (_lock)
        {
            _dirty.Remove(key);
            _processing.Add(key);
        }
        return key;
    }

    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (_, timer) in _delayed.Values)
            {
                timer.Dispose();
            }
            _delayed.Clear();
            _ready.Writer.TryComplete();
        }
    }

    private void Fire(TKey key)
    {
        lock (_lock)
        {
            if (_delayed.Remove(key, out var pending))
            {
                pending.Timer.Dispose();
            }
        }
        Add(key);
    }
}
