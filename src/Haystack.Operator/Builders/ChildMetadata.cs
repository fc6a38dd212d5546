using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The metadata every child of a cluster carries: name, namespace, labels, and the controller owner
/// reference that lets the garbage collector delete it with the cluster.
/// </summary>
public static class ChildMetadata
{
    public static V1ObjectMeta For(V1Alpha1HaystackCluster cluster, string name, string component) => new()
    {
        Name = name,
        NamespaceProperty = ClusterNames.Namespace(cluster),
        Labels = ClusterLabels.All(cluster, component),
        OwnerReferences = [OwnerReference(cluster)],
    };

    public static V1OwnerReference OwnerReference(V1Alpha1HaystackCluster cluster) => new()
    {
        ApiVersion = HaystackApi.ApiVersion,
        Kind = HaystackApi.ClusterKind,
        Name = ClusterNames.Name(cluster),
        // A cluster read from a file (render) has no uid yet; the API server assigns one on create.
        Uid = cluster.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
