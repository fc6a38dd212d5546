using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The identity of the data pods and what it may do: read the cluster and its Volumes (the directory's
/// table) and report Volume status (phase, bytes, placements). Nothing else, in this namespace only.
/// </summary>
public static class DataPodAccess
{
    public static V1ServiceAccount ServiceAccount(V1Alpha1HaystackCluster cluster) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = ChildMetadata.For(cluster, ClusterNames.DataServiceAccount(cluster), HaystackComponent.Rbac),
        AutomountServiceAccountToken = true,
    };

    public static V1Role Role(V1Alpha1HaystackCluster cluster) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = ChildMetadata.For(cluster, ClusterNames.DataServiceAccount(cluster), HaystackComponent.Rbac),
        Rules =
        [
            new V1PolicyRule { ApiGroups = [HaystackApi.Group], Resources = ["haystackclusters", "volumes"], Verbs = ["get", "list", "watch"] },
            new V1PolicyRule { ApiGroups = [HaystackApi.Group], Resources = ["volumes/status"], Verbs = ["get", "patch", "update"] },
        ],
    };

    public static V1RoleBinding RoleBinding(V1Alpha1HaystackCluster cluster) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = ChildMetadata.For(cluster, ClusterNames.DataServiceAccount(cluster), HaystackComponent.Rbac),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = ClusterNames.DataServiceAccount(cluster) },
        Subjects =
        [
            new Rbacv1Subject { Kind = "ServiceAccount", Name = ClusterNames.DataServiceAccount(cluster), NamespaceProperty = ClusterNames.Namespace(cluster) },
        ],
    };
}
