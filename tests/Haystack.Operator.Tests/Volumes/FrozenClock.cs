namespace Haystack.Operator.Tests.Volumes;

/// <summary>A clock whose timers never fire: a controller on it reconciles only when a watch reports something.</summary>
internal sealed class FrozenClock : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
