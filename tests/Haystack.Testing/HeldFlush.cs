using Microsoft.Win32.SafeHandles;

namespace Haystack.Testing;

/// <summary>
/// A data-file fdatasync a test controls (the engine's <c>VolumeOptions.DataSync</c> seam): it syncs for
/// real, but once <see cref="Hold"/> is called every sync waits until the test releases or fails it, so a
/// test can observe what completes before the flush covering it returns.
/// </summary>
public sealed class HeldFlush : IDisposable
{
    private readonly ManualResetEventSlim _released = new(initialState: true);
    private readonly Lock _lock = new();
    private TaskCompletionSource _entered = NewSignal();
    private Exception? _failure;

    /// <summary>Completes once a sync is waiting on the hold.</summary>
    public Task Entered
    {
        get
        {
            lock (_lock)
            {
                return _entered.Task;
            }
        }
    }

    /// <summary>From now on every sync waits for <see cref="Release"/> or <see cref="Fail"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _entered = NewSignal();
            _released.Reset();
        }
    }

    /// <summary>Lets waiting and later syncs through.</summary>
    public void Release() => _released.Set();

    /// <summary>The waiting sync and every later one throw <paramref name="failure"/> (an EIO from the disk).</summary>
    public void Fail(Exception failure)
    {
        Volatile.Write(ref _failure, failure);
        _released.Set();
    }

    /// <summary>Passed as the data sync: waits while held, then fdatasyncs (or throws the failure).</summary>
    public void Sync(SafeFileHandle file, string path)
    {
        if (!_released.IsSet)
        {
            lock (_lock)
            {
                _entered.TrySetResult();
            }
            _released.Wait();
        }
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
        RandomAccess.FlushToDisk(file);
    }

    public void Dispose() => _released.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
