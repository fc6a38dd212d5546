using Haystack.Operator.Api;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Haystack.Operator.Controller;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Controller;

/// <summary>Two operator replicas share one Lease on the fake API server: only the holder works.</summary>
public sealed class LeaderOnlyRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Only_the_leader_works_and_the_other_takes_over_when_it_stops()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var working = new List<string>();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();

        var first = RunAsync(fixture, "operator-a", Work("operator-a", working), stopFirst.Token);
        await WaitUntilAsync(() => Snapshot(working).Contains("operator-a"));
        var second = RunAsync(fixture, "operator-b", Work("operator-b", working), stopSecond.Token);
        Assert.False(second.IsCompleted);
        Assert.Equal(["operator-a"], Snapshot(working));

        await stopFirst.CancelAsync();
        Assert.False(await first);
        await WaitUntilAsync(() => Snapshot(working).Contains("operator-b"));
        await stopSecond.CancelAsync();
        Assert.False(await second);
        Assert.Equal(["operator-a", "operator-b"], Snapshot(working));
    }

    [Fact]
    public async Task A_leader_that_stops_releases_the_lease_so_the_standby_takes_over_long_before_it_would_expire()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var working = new List<string>();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        // Ten minutes: without the release the standby could not lead within the test's patience.
        var duration = TimeSpan.FromMinutes(10);
        var first = RunAsync(fixture, "operator-a", Work("operator-a", working), stopFirst.Token, duration);
        await WaitUntilAsync(() => Snapshot(working).Contains("operator-a"));
        var second = RunAsync(fixture, "operator-b", Work("operator-b", working), stopSecond.Token, duration);

        await stopFirst.CancelAsync();
        Assert.False(await first);
        await WaitUntilAsync(() => Snapshot(working).Contains("operator-b"));

        var lease = await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("haystack-operator", "haystack");
        Assert.Equal("operator-b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        await stopSecond.CancelAsync();
        Assert.False(await second);
        Assert.Equal("", (await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("haystack-operator", "haystack")).Spec!.HolderIdentity);
    }

    [Fact]
    public async Task A_stopping_replica_that_does_not_lead_leaves_the_leaders_lease_alone()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var working = new List<string>();
        using var stop = new CancellationTokenSource();
        using var stopStandby = new CancellationTokenSource();
        var leader = RunAsync(fixture, "operator-a", Work("operator-a", working), stop.Token);
        await WaitUntilAsync(() => Snapshot(working).Contains("operator-a"));
        var standby = RunAsync(fixture, "operator-b", Work("operator-b", working), stopStandby.Token);

        await stopStandby.CancelAsync();
        Assert.False(await standby);

        Assert.Equal("operator-a", (await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("haystack-operator", "haystack")).Spec!.HolderIdentity);
        await stop.CancelAsync();
        Assert.False(await leader);
    }

    [Fact]
    public async Task Losing_the_lease_stops_the_work_and_ends_the_run()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var working = new List<string>();
        var stopped = new TaskCompletionSource();
        var run = RunAsync(fixture, "operator-a", async ct =>
        {
            await Work("operator-a", working)(ct).ContinueWith(_ => stopped.SetResult(), TaskScheduler.Default);
        }, CancellationToken.None);
        await WaitUntilAsync(() => Snapshot(working).Contains("operator-a"));

        // Someone else takes the lease (as a replica whose clock judged it expired would); the leader
        // renews every 100 ms, so retry on conflict like any writer.
        while (true)
        {
            var lease = await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("haystack-operator", "haystack");
            lease.Spec!.HolderIdentity = "operator-z";
            lease.Spec.RenewTime = DateTime.UtcNow.AddMinutes(1);
            try
            {
                await fixture.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "haystack-operator", "haystack");
                break;
            }
            catch (HttpOperationException e) when (e.IsConflict())
            {
            }
        }

        Assert.True(await run.WaitAsync(Patience));
        Assert.True(stopped.Task.IsCompleted);
    }

    /// <param name="leaseDuration">How long a standby waits for a Lease that is not renewed; 2 s unless given.</param>
    private static Task<bool> RunAsync(
        OperatorFixture fixture, string identity, Func<CancellationToken, Task> work, CancellationToken cancellationToken, TimeSpan? leaseDuration = null)
    {
        var lease = new LeaseLock(fixture.Client, "haystack", "haystack-operator", identity);
        var elector = new LeaderElector(new LeaderElectionConfig(lease)
        {
            LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(100),
        });
        return LeaderOnlyRunner.RunAsync(elector, lease, work, cancellationToken);
    }

    // The work runs until cancelled, as the controller does, and records who ran it.
    private static Func<CancellationToken, Task> Work(string identity, List<string> working) => async ct =>
    {
        lock (working)
        {
            working.Add(identity);
        }
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
    };

    private static List<string> Snapshot(List<string> working)
    {
        lock (working)
        {
            return [.. working];
        }
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!done())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
