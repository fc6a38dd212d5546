using Microsoft.Extensions.Time.Testing;

namespace Haystack.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timers created and not yet disposed, for tests
/// that check a component cancels the timers it no longer needs (the package does not expose its own).
/// </summary>
public sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _activeTimers;

    public int ActiveTimers => Volatile.Read(ref _activeTimers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _activeTimers);
        return new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    private sealed class CountedTimer(ITimer timer, TimerCountingTimeProvider owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._activeTimers);
            }
            timer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
