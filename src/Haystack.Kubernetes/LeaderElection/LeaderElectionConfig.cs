namespace Haystack.Kubernetes.LeaderElection;

/// <summary>
/// Timing of an election, with client-go's defaults. A leader that cannot renew within <see cref="RenewDeadline"/>
/// steps down; the others take over once <see cref="LeaseDuration"/> has passed without a renewal.
/// </summary>
public sealed class LeaderElectionConfig(ILock @lock)
{
    public ILock Lock { get; } = @lock;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On cancellation the leader empties the lease so a successor need not wait for it to expire.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    internal void Validate()
    {
        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"LeaseDuration {LeaseDuration} must be at least one second (a Lease counts whole seconds)");
        }

        if (RenewDeadline >= LeaseDuration)
        {
            throw new ArgumentException($"RenewDeadline {RenewDeadline} must be shorter than LeaseDuration {LeaseDuration}, or two leaders can overlap");
        }

        if (RetryPeriod <= TimeSpan.Zero || RetryPeriod * 1.2 >= RenewDeadline)
        {
            throw new ArgumentException($"RetryPeriod {RetryPeriod} must be positive and leave room for retries within RenewDeadline {RenewDeadline}");
        }
    }
}
