namespace Haystack.Kubernetes.Models;

/// <summary>rbac.authorization.k8s.io/v1 RoleBinding: grants a Role to subjects.</summary>
public sealed class V1RoleBinding : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "rbac.authorization.k8s.io/v1";
    public const string KubeKind = "RoleBinding";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1RoleRef? RoleRef { get; set; }
    public IList<Rbacv1Subject>? Subjects { get; set; }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleRef (immutable once bound).</summary>
public sealed class V1RoleRef
{
    public required string ApiGroup { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// rbac.authorization.k8s.io/v1 Subject: a ServiceAccount, User or Group. KubernetesClient names it
/// <c>Rbacv1Subject</c> because flowcontrol has a <c>V1Subject</c> too; we keep its name.
/// </summary>
public sealed class Rbacv1Subject
{
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public string? NamespaceProperty { get; set; }
    public string? ApiGroup { get; set; }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleBindingList.</summary>
public sealed class V1RoleBindingList : KubernetesList<V1RoleBinding>;
