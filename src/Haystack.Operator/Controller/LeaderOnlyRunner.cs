using k8s.LeaderElection;

namespace Haystack.Operator.Controller;

/// <summary>
/// Runs work only while this replica holds the leader lease, so that two operator pods never reconcile
/// at once. When leadership is lost the work is cancelled and the run ends, and the process should exit
/// so that it restarts with fresh state, as client-go controllers do.
/// </summary>
public static class LeaderOnlyRunner
{
    /// <returns>True when leadership was lost; false when <paramref name="cancellationToken"/> stopped the run.</returns>
    public static async Task<bool> RunAsync(LeaderElector elector, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Task.CompletedTask;
        void Start() => running = Task.Run(() => work(leading.Token), CancellationToken.None);
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
        return !cancellationToken.IsCancellationRequested;
    }
}
