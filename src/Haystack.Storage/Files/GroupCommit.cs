using System.Diagnostics;

namespace Haystack.Storage.Files;

/// <summary>
/// Makes writes durable in groups. Each write takes a sequence number once its bytes are in the file;
/// a single flusher thread repeatedly takes the highest sequence issued so far, runs one fdatasync and
/// completes every waiter at or below it. Writers arriving during a flush join the next one, so under
/// load many writes share one fdatasync.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private readonly Action _fdatasync;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _flusher;
    private TaskCompletionSource _nextRound = NewRound();
    private bool _wakePending;
    private bool _stopping;
    private long _issued;
    private long _durable;
    private long _flushes;
    private Exception? _fault;

    /// <param name="fdatasync">Makes every byte written so far durable (<see cref="DataFile.SyncData"/>); throws when it cannot.</param>
    public GroupCommit(string name, Action fdatasync)
    {
        _fdatasync = fdatasync;
        _flusher = new Thread(RunFlusher) { IsBackground = true, Name = name };
        _flusher.Start();
    }

    /// <summary>The error of a failed flush. After one, nothing more is acknowledged: the page cache cannot be trusted.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>fdatasyncs run so far; writes divided by this shows how well commits are grouped.</summary>
    public long FlushCount => Interlocked.Read(ref _flushes);

    /// <summary>Called after a write's bytes are in the file: its ticket for <see cref="WaitDurableAsync"/>.</summary>
    public long Issue() => Interlocked.Increment(ref _issued);

    public Task WaitDurableAsync(long sequence)
    {
        lock (_lock)
        {
            if (sequence <= _durable)
            {
                return Task.CompletedTask;
            }
            if (_fault is not null)
            {
                return Task.FromException(_fault);
            }
            if (_stopping)
            {
                return Task.FromException(new ObjectDisposedException(_flusher.Name, "The volume is closing."));
            }
            if (!_wakePending)
            {
                _wakePending = true;
                _wake.Release();
            }
            return _nextRound.Task;
        }
    }

    /// <summary>Flushes what is outstanding, then stops the flusher thread.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }
            _stopping = true;
            _wake.Release();
        }
        _flusher.Join();
    }

    private void RunFlusher()
    {
        while (true)
        {
            _wake.Wait();
            TaskCompletionSource round;
            long target;
            bool stopping;
            lock (_lock)
            {
                round = _nextRound;
                _nextRound = NewRound();
                _wakePending = false;
                target = Volatile.Read(ref _issued);
                stopping = _stopping;
            }
            try
            {
                if (target > Volatile.Read(ref _durable) && _fault is null)
                {
                    var started = Stopwatch.GetTimestamp();
                    _fdatasync();
                    StorageMetrics.RecordFlush(target - Volatile.Read(ref _durable), Stopwatch.GetElapsedTime(started));
                    Interlocked.Increment(ref _flushes);
                }
                lock (_lock)
                {
                    if (_fault is null)
                    {
                        _durable = Math.Max(_durable, target);
                    }
                }
                if (_fault is null)
                {
                    round.SetResult();
                }
                else
                {
                    round.SetException(_fault);
                }
            }
            catch (Exception error)
            {
                lock (_lock)
                {
                    _fault = error;
                }
                round.SetException(error);
            }
            if (stopping)
            {
                return;
            }
        }
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
