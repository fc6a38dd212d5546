using System.Diagnostics;
using Haystack.Store.Scrub;

namespace Haystack.Store.Tests.Scrub;

public sealed class ScrubPacerTests
{
    private const int MiB = 1024 * 1024;

    /// <summary>A lower bound only: the bucket cannot hand out bytes faster than its rate, however fast the machine.</summary>
    [Fact]
    public async Task Reads_beyond_the_bucket_wait_for_the_rate()
    {
        using var pacer = new ScrubPacer(MiB);
        var started = Stopwatch.GetTimestamp();

        for (var i = 0; i < 6; i++)
        {
            await pacer.AcquireAsync(MiB / 2, CancellationToken.None);
        }

        // The bucket starts full (1 MiB); the other 2 MiB come at 1 MiB/s.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(1.8), $"3 MiB at 1 MiB/s took {Stopwatch.GetElapsedTime(started)}");
        Assert.Equal(3 * MiB, pacer.TotalBytes);
    }

    [Fact]
    public async Task A_rate_of_zero_holds_the_scrub_until_a_rate_is_set()
    {
        using var pacer = new ScrubPacer(0);
        var waiting = pacer.AcquireAsync(1000, CancellationToken.None).AsTask();

        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        Assert.True(pacer.IsPaused);

        pacer.SetRate(10 * MiB);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(pacer.IsPaused);
    }

    [Fact]
    public async Task Pause_holds_the_scrub_and_resume_releases_it()
    {
        using var pacer = new ScrubPacer(10 * MiB);
        pacer.Pause();
        var waiting = pacer.AcquireAsync(1000, CancellationToken.None).AsTask();

        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        pacer.Resume();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_held_scrub_stops_when_cancelled()
    {
        using var pacer = new ScrubPacer(0);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.AcquireAsync(1000, cancel.Token).AsTask());
    }
}
