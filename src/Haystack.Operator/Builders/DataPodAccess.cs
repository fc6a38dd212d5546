using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The identity of the data pods and what it may do, which is what the directory calls (Haystack.Directory's
/// Kubernetes table): list, watch and read the Volumes, patch their status (phase and figures), read its own
/// HaystackCluster (the owner of the key object), and read, create and patch the photo key ConfigMap. Nothing else,
/// in this namespace only. A ConfigMap's create cannot be limited to one name (RBAC knows the name only after it).
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
            new V1PolicyRule { ApiGroups = [HaystackApi.Group], Resources = ["volumes"], Verbs = ["get", "list", "watch"] },
            new V1PolicyRule { ApiGroups = [HaystackApi.Group], Resources = ["volumes/status"], Verbs = ["patch"] },
            new V1PolicyRule { ApiGroups = [HaystackApi.Group], Resources = ["haystackclusters"], ResourceNames = [ClusterNames.Name(cluster)], Verbs = ["get"] },
            new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = [ClusterNames.PhotoKeys(cluster)], Verbs = ["get", "patch"] },
            new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["create"] },
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
