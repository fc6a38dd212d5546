using Haystack.Storage.Files;

namespace Haystack.Storage.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Writes_arriving_during_a_flush_share_the_next_one()
    {
        using var firstFlushEntered = new ManualResetEventSlim();
        using var releaseFirstFlush = new ManualResetEventSlim();
        var calls = 0;
        using var commit = new GroupCommit("test", () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstFlushEntered.Set();
                releaseFirstFlush.Wait();
            }
        });

        var first = commit.WaitDurableAsync(commit.Issue());
        firstFlushEntered.Wait();
        var later = Enumerable.Range(0, 50).Select(_ => commit.WaitDurableAsync(commit.Issue())).ToList();
        Assert.All(later, wait => Assert.False(wait.IsCompleted));
        releaseFirstFlush.Set();
        await first;
        await Task.WhenAll(later);

        Assert.Equal(2, commit.FlushCount);
    }

    [Fact]
    public async Task A_sequence_already_durable_completes_without_a_flush()
    {
        using var commit = new GroupCommit("test", () => { });
        var sequence = commit.Issue();
        await commit.WaitDurableAsync(sequence);
        await commit.WaitDurableAsync(sequence);
        Assert.Equal(1, commit.FlushCount);
    }

    [Fact]
    public async Task A_failed_flush_fails_its_waiters_and_every_later_one()
    {
        var disk = new IOException("EIO");
        using var commit = new GroupCommit("test", () => throw disk);

        var failed = await Assert.ThrowsAsync<IOException>(() => commit.WaitDurableAsync(commit.Issue()));
        var later = await Assert.ThrowsAsync<IOException>(() => commit.WaitDurableAsync(commit.Issue()));

        Assert.Same(disk, failed);
        Assert.Same(disk, later);
        Assert.Same(disk, commit.Fault);
    }

    [Fact]
    public async Task Disposing_flushes_what_was_issued()
    {
        var flushes = 0;
        var commit = new GroupCommit("test", () => Interlocked.Increment(ref flushes));
        var sequence = commit.Issue();
        commit.Dispose();

        Assert.Equal(1, flushes);
        await commit.WaitDurableAsync(sequence);
    }
}
