using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using k8s;
using k8s.Autorest;

namespace Haystack.Operator.Volumes;

/// <summary>The Volume resources of one cluster: listed (by spec.clusterName, the field the directory reads too) and created.</summary>
public static class ClusterVolumes
{
    /// <summary>The value of app.kubernetes.io/component on the Volumes the operator creates.</summary>
    public const string Component = "volume";

    /// <summary>Every Volume of the cluster, in id order.</summary>
    public static async Task<List<V1Alpha1HaystackVolume>> ListAsync(IKubernetes client, V1Alpha1HaystackCluster cluster, CancellationToken cancellationToken)
    {
        var name = ClusterNames.Name(cluster);
        var volumes = new List<V1Alpha1HaystackVolume>();
        string? next = null;
        do
        {
            var page = await client.ListAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, ClusterNames.Namespace(cluster), next, limit: 500, cancellationToken);
            volumes.AddRange(page.Items.Where(v => v.Spec.ClusterName == name));
            next = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return [.. volumes.OrderBy(v => v.Spec.Id)];
    }

    /// <summary>The resource of a new logical volume, <c>{cluster}-{id}</c>, owned by the cluster, shaped by spec.volume; no status yet.</summary>
    public static V1Alpha1HaystackVolume New(V1Alpha1HaystackCluster cluster, uint id) => new()
    {
        Metadata = ChildMetadata.For(cluster, $"{ClusterNames.Name(cluster)}-{id}", Component),
        Spec = new HaystackVolumeSpec
        {
            ClusterName = ClusterNames.Name(cluster),
            Id = id,
            Replicas = cluster.Spec.Volume.Replicas,
            SizeLimitBytes = cluster.Spec.Volume.SizeLimitBytes,
        },
    };

    public static Task<V1Alpha1HaystackVolume> CreateAsync(IKubernetes client, V1Alpha1HaystackVolume volume, CancellationToken cancellationToken) =>
        client.CreateAsync(HaystackResourceKinds.Volumes, volume, volume.Metadata.NamespaceProperty!, cancellationToken);

    /// <summary>
    /// Writes the status of <paramref name="volume"/> at the resourceVersion it was read with. Null on a conflict:
    /// someone (a directory) wrote meanwhile; the watch brings the change and the next reconcile decides again.
    /// </summary>
    public static async Task<V1Alpha1HaystackVolume?> WriteStatusAsync(IKubernetes client, V1Alpha1HaystackVolume volume, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReplaceStatusAsync(
                HaystackResourceKinds.Volumes, volume, volume.Metadata.Name, volume.Metadata.NamespaceProperty!, OperatorIdentity.FieldManager, cancellationToken);
        }
        catch (HttpOperationException e) when (e.IsConflict())
        {
            return null;
        }
    }

    /// <summary>The volume id as the stores and photo ids spell it.</summary>
    public static uint IdOf(V1Alpha1HaystackVolume volume) => checked((uint)volume.Spec.Id);

    /// <summary>No replica placed yet: made by a reconcile cut short, or by hand. Partly placed volumes are repaired, not placed.</summary>
    public static bool IsUnplaced(V1Alpha1HaystackVolume volume) => volume.Status?.Placements is null or { Count: 0 };
}
