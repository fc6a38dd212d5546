using Haystack.Operator.Controller;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Controller;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task Key_added_many_times_is_handed_out_once()
    {
        using var queue = new WorkQueue<string>(new TimerCountingTimeProvider());
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        var first = await queue.TakeAsync(CancellationToken.None);
        var second = await queue.TakeAsync(CancellationToken.None);

        Assert.Equal(["a", "b"], [first, second]);
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task Key_added_while_being_processed_waits_for_done_then_comes_back_once()
    {
        using var queue = new WorkQueue<string>(new TimerCountingTimeProvider());
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None);

        queue.Add("a");
        queue.Add("a");
        var whileProcessing = queue.TakeAsync(CancellationToken.None);
        Assert.False(whileProcessing.IsCompleted);

        queue.Done(key);
        Assert.Equal("a", await whileProcessing);
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task Add_after_hands_the_key_out_only_once_it_is_due()
    {
        var time = new TimerCountingTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        var take = queue.TakeAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(take.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("a", await take);
    }

    [Fact]
    public void Only_the_earliest_delayed_add_of_a_key_is_kept()
    {
        var time = new TimerCountingTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddAfter("a", TimeSpan.FromMinutes(5));
        queue.AddAfter("a", TimeSpan.FromSeconds(15));
        queue.AddAfter("a", TimeSpan.FromMinutes(1));

        Assert.Equal(1, time.ActiveTimers);
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, queue.Pending);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public async Task Take_stops_when_cancelled()
    {
        using var queue = new WorkQueue<string>(new TimerCountingTimeProvider());
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await take);
    }
}
