using Haystack.Operator.Api;
using k8s;
using k8s.Autorest;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Status;

/// <summary>
/// The one place a cluster's status is written: compares first and writes nothing when nothing changed,
/// and on a conflict (someone else wrote the cluster meanwhile) rereads and retries on the fresh object.
/// </summary>
public sealed class ClusterStatusWriter(IKubernetes client)
{
    private const int Attempts = 5;

    /// <returns>True when the status was written.</returns>
    public async Task<bool> WriteAsync(
        V1Alpha1HaystackCluster cluster, Func<HaystackClusterStatus?, HaystackClusterStatus> next, CancellationToken cancellationToken)
    {
        var current = cluster;
        for (var attempt = 1; ; attempt++)
        {
            var status = next(current.Status);
            if (current.Status is not null && KubernetesJson.Serialize(status) == KubernetesJson.Serialize(current.Status))
            {
                return false;
            }
            current.Status = status;
            try
            {
                await client.ReplaceStatusAsync(HaystackResourceKinds.Clusters, current, current.Metadata.Name!, current.Metadata.NamespaceProperty, Reconciliation.OperatorIdentity.FieldManager, cancellationToken);
                return true;
            }
            catch (HttpOperationException e) when (e.IsConflict() && attempt < Attempts)
            {
                current = await client.ReadAsync<V1Alpha1HaystackCluster>(
                    HaystackResourceKinds.Clusters, cluster.Metadata.Name!, cluster.Metadata.NamespaceProperty, cancellationToken);
            }
        }
    }
}
