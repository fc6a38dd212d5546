using Haystack.Kubernetes.LeaderElection;
using Haystack.Kubernetes.Tests.Api;

namespace Haystack.Kubernetes.Tests.LeaderElection;

/// <summary>
/// Elections between real electors over the fake API server. Durations are short so the suite stays fast;
/// every wait is on an event, bounded by a guard that fails a broken test instead of hanging it.
/// </summary>
public sealed class LeaderElectorTests : FakeServerTest
{
    private const string LeaseName = "haystack-operator";

    [Fact]
    public async Task The_first_candidate_creates_the_lease_and_leads()
    {
        var (elector, started, _) = Candidate("operator-0");
        using var stop = new CancellationTokenSource();

        var run = elector.RunUntilLeadershipLostAsync(stop.Token);
        await started.Task.WaitAsync(Guard());

        var lease = await Client.ReadNamespacedLeaseAsync(LeaseName, Ns);
        Assert.True(elector.IsLeader());
        Assert.Equal("operator-0", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(0, lease.Spec.LeaseTransitions);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Leadership_passes_to_the_waiting_candidate_when_the_leader_steps_down()
    {
        var (first, firstStarted, firstStopped) = Candidate("operator-0");
        var (second, secondStarted, _) = Candidate("operator-1");
        var secondSawLeader = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.OnNewLeader += holder => secondSawLeader.TrySetResult(holder);
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();

        var firstRun = first.RunUntilLeadershipLostAsync(stopFirst.Token);
        await firstStarted.Task.WaitAsync(Guard());
        var secondRun = second.RunUntilLeadershipLostAsync(stopSecond.Token);
        Assert.Equal("operator-0", await secondSawLeader.Task.WaitAsync(Guard()));
        Assert.False(second.IsLeader());

        await stopFirst.CancelAsync();
        await firstStopped.Task.WaitAsync(Guard());
        await secondStarted.Task.WaitAsync(Guard());

        var lease = await Client.ReadNamespacedLeaseAsync(LeaseName, Ns);
        Assert.Equal("operator-1", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.False(first.IsLeader());
        Assert.True(second.IsLeader());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);
        await stopSecond.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondRun);
    }

    [Fact]
    public async Task A_leader_that_vanishes_without_releasing_is_replaced_once_its_lease_expires()
    {
        var (crashed, crashedStarted, _) = Candidate("operator-0", releaseOnCancel: false);
        var (successor, successorStarted, _) = Candidate("operator-1");
        using var stopCrashed = new CancellationTokenSource();
        using var stopSuccessor = new CancellationTokenSource();

        var crashedRun = crashed.RunUntilLeadershipLostAsync(stopCrashed.Token);
        await crashedStarted.Task.WaitAsync(Guard());
        await stopCrashed.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashedRun);
        var abandoned = (await Client.ReadNamespacedLeaseAsync(LeaseName, Ns)).Spec!;
        var successorRun = successor.RunUntilLeadershipLostAsync(stopSuccessor.Token);
        await successorStarted.Task.WaitAsync(Guard());

        var lease = (await Client.ReadNamespacedLeaseAsync(LeaseName, Ns)).Spec!;
        Assert.Equal("operator-0", abandoned.HolderIdentity);
        Assert.Equal("operator-1", lease.HolderIdentity);
        Assert.Equal(1, lease.LeaseTransitions);
        // Taking over earlier than a full lease duration after the last renewal would allow two leaders.
        Assert.True(lease.AcquireTime - abandoned.RenewTime >= TimeSpan.FromSeconds(1));
        await stopSuccessor.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => successorRun);
    }

    [Fact]
    public async Task A_leader_whose_lease_is_taken_steps_down_after_the_renew_deadline()
    {
        var (elector, started, stopped) = Candidate("operator-0");
        var run = elector.RunUntilLeadershipLostAsync(Guard());
        await started.Task.WaitAsync(Guard());

        var lease = await Client.ReadNamespacedLeaseAsync(LeaseName, Ns);
        lease.Spec!.HolderIdentity = "intruder";
        lease.Spec.LeaseDurationSeconds = 60;
        lease.Spec.RenewTime = DateTime.UtcNow;
        await Client.ReplaceNamespacedLeaseAsync(lease, LeaseName, Ns);
        await stopped.Task.WaitAsync(Guard());
        await run.WaitAsync(Guard());

        Assert.False(elector.IsLeader());
        Assert.Equal("intruder", elector.GetLeader());
    }

    [Fact]
    public async Task Candidates_starting_together_elect_exactly_one_leader()
    {
        var candidates = Enumerable.Range(0, 3).Select(i => Candidate($"operator-{i}")).ToList();
        var observedByAll = candidates.Select(c =>
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            c.Elector.OnNewLeader += _ => seen.TrySetResult();
            return seen.Task;
        }).ToList();
        using var stop = new CancellationTokenSource();

        var runs = candidates.Select(c => c.Elector.RunUntilLeadershipLostAsync(stop.Token)).ToList();
        await Task.WhenAny(candidates.Select(c => c.Started.Task)).WaitAsync(Guard());
        await Task.WhenAll(observedByAll).WaitAsync(Guard());

        Assert.Single(candidates, c => c.Elector.IsLeader());
        var holder = (await Client.ReadNamespacedLeaseAsync(LeaseName, Ns)).Spec!.HolderIdentity;
        Assert.All(candidates, c => Assert.Equal(holder, c.Elector.GetLeader()));
        await stop.CancelAsync();
        foreach (var run in runs)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
    }

    [Fact]
    public void Timings_that_would_let_two_leaders_overlap_are_refused()
    {
        var config = new LeaderElectionConfig(new LeaseLock(Client, Ns, LeaseName, "x"))
        {
            LeaseDuration = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(5),
        };

        var error = Assert.Throws<ArgumentException>(() => new LeaderElector(config));

        Assert.Contains("RenewDeadline", error.Message);
    }

    private (LeaderElector Elector, TaskCompletionSource Started, TaskCompletionSource Stopped) Candidate(string identity, bool releaseOnCancel = true)
    {
        var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(Client, Ns, LeaseName, identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(1),
            RenewDeadline = TimeSpan.FromMilliseconds(600),
            RetryPeriod = TimeSpan.FromMilliseconds(100),
            ReleaseOnCancel = releaseOnCancel,
        });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.OnStartedLeading += () => started.TrySetResult();
        elector.OnStoppedLeading += () => stopped.TrySetResult();
        return (elector, started, stopped);
    }
}
