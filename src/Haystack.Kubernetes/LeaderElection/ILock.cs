namespace Haystack.Kubernetes.LeaderElection;

/// <summary>
/// Where the leader record lives (KubernetesClient's interface of the same name). Writes are
/// compare-and-swap: they fail, returning false, when someone else wrote since the last <see cref="GetAsync"/>.
/// </summary>
public interface ILock
{
    /// <summary>This candidate's identity, usually the pod name.</summary>
    string Identity { get; }

    /// <summary>The current record, or null when none exists yet.</summary>
    Task<LeaderElectionRecord?> GetAsync(CancellationToken ct);

    Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken ct);

    Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken ct);

    /// <summary>"namespace/name", for messages.</summary>
    string Describe();
}
