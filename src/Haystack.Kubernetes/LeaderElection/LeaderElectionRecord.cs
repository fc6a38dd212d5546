namespace Haystack.Kubernetes.LeaderElection;

/// <summary>Who leads, since when, for how long, and how often leadership changed hands.</summary>
/// <param name="HolderIdentity">Empty when the last leader released the lock.</param>
public sealed record LeaderElectionRecord(
    string HolderIdentity,
    int LeaseDurationSeconds,
    DateTime AcquireTime,
    DateTime RenewTime,
    int LeaderTransitions);
