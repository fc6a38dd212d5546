using Haystack.Operator.Controller;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Controller;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task KeyAddedManyTimesIsHandedOutOnce()
    {
        using var queue = new WorkQueue<string>(new ManualTimeProvider());
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
    public async Task KeyAddedWhileBeingProcessedWaitsForDoneThenComesBackOnce()
    {
        using var queue = new WorkQueue<string>(new ManualTimeProvider());
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
    public async Task AddAfterHandsTheKeyOutOnlyOnceItIsDue()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        var take = queue.TakeAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(take.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("a", await take);
    }

    [Fact]
    public void OnlyTheEarliestDelayedAddOfAKeyIsKept()
    {
        var time = new ManualTimeProvider();
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
    public async Task TakeStopsWhenCancelled()
    {
        using var queue = new WorkQueue<string>(new ManualTimeProvider());
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await take);
    }
}
