namespace Haystack.Directory.Tests.Support;

/// <summary>A clock that moves only when told, for decay rules (the TimeProvider testing package is not available here).</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
