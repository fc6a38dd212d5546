using k8s.Autorest;
using k8s.LeaderElection;

namespace Haystack.Operator.Controller;

/// <summary>
/// Runs work only while this replica holds the leader lease, so that two operator pods never reconcile
/// at once. When leadership is lost the work is cancelled and the run ends, and the process should exit
/// so that it restarts with fresh state, as client-go controllers do. On a graceful stop the work ends first and then
/// the Lease is released (client-go's ReleaseOnCancel), so a standby takes over at its next try instead of after the
/// lease duration.
/// </summary>
public static class LeaderOnlyRunner
{
    /// <summary>How long a stopping leader tries to release the Lease before it exits anyway.</summary>
    public static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    /// <param name="lease">The lock <paramref name="elector"/> campaigns on, released when this replica stops while leading.</param>
    /// <returns>True when leadership was lost; false when <paramref name="cancellationToken"/> stopped the run.</returns>
    public static async Task<bool> RunAsync(LeaderElector elector, ILock lease, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Task.CompletedTask;
        var led = false;
        void Start()
        {
            led = true;
            running = Task.Run(() => work(leading.Token), CancellationToken.None);
        }
        elector.OnStartedLeading += Start;
        try
        {
            await elector.RunUntilLeadershipLostAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            elector.OnStartedLeading -= Start;
            await leading.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
        if (led)
        {
            await ReleaseAsync(lease);
        }
        return false;
    }

    /// <summary>
    /// Empties the holder when it is still this replica (a successor may already hold it). The package's elector takes
    /// a Lease whose holder is empty at once; a null holder would make it try to create the Lease instead.
    /// Best effort, for at most <see cref="ReleaseTimeout"/>: a failed release costs only the lease duration.
    /// </summary>
    private static async Task ReleaseAsync(ILock lease)
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            var record = await lease.GetAsync(timeout.Token);
            if (record?.HolderIdentity != lease.Identity)
            {
                return;
            }
            var now = DateTime.UtcNow;
            await lease.UpdateAsync(new LeaderElectionRecord
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaderTransitions = record.LeaderTransitions,
            }, timeout.Token);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
        }
    }
}
