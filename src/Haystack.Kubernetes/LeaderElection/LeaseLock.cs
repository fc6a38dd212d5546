using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.LeaderElection;

/// <summary>
/// A leader record kept in a coordination.k8s.io/v1 Lease. Updates carry the resourceVersion last read,
/// so of two candidates writing at once the API server accepts one and answers 409 to the other.
/// </summary>
public sealed class LeaseLock(IKubernetes client, string ns, string name, string identity) : ILock
{
    private V1Lease? _last;

    public string Identity { get; } = identity;

    public async Task<LeaderElectionRecord?> GetAsync(CancellationToken ct)
    {
        _last = await client.GetOrDefaultAsync<V1Lease>(ResourceKind.Lease, name, ns, ct);
        if (_last?.Spec is not { } spec)
        {
            return null;
        }

        return new LeaderElectionRecord(
            spec.HolderIdentity ?? "",
            spec.LeaseDurationSeconds ?? 0,
            spec.AcquireTime ?? DateTime.MinValue,
            spec.RenewTime ?? DateTime.MinValue,
            spec.LeaseTransitions ?? 0);
    }

    public async Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken ct)
    {
        try
        {
            _last = await client.CreateNamespacedLeaseAsync(
                new V1Lease { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = SpecOf(record) }, ns, cancellationToken: ct);
            return true;
        }
        catch (HttpOperationException e) when (e.IsConflict)
        {
            return false;
        }
    }

    public async Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken ct)
    {
        if (_last is null)
        {
            throw new InvalidOperationException($"lease {Describe()} must be read before it is updated");
        }

        _last.Spec = SpecOf(record);
        try
        {
            _last = await client.ReplaceNamespacedLeaseAsync(_last, name, ns, cancellationToken: ct);
            return true;
        }
        catch (HttpOperationException e) when (e.IsConflict || e.IsNotFound)
        {
            return false;
        }
    }

    public string Describe() => $"{ns}/{name}";

    private static V1LeaseSpec SpecOf(LeaderElectionRecord record) => new()
    {
        HolderIdentity = record.HolderIdentity,
        LeaseDurationSeconds = record.LeaseDurationSeconds,
        AcquireTime = record.AcquireTime,
        RenewTime = record.RenewTime,
        LeaseTransitions = record.LeaderTransitions,
    };
}
