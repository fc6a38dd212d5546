namespace Haystack.Kubernetes.Models;

/// <summary>rbac.authorization.k8s.io/v1 Role: permissions inside one namespace.</summary>
public sealed class V1Role : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "rbac.authorization.k8s.io/v1";
    public const string KubeKind = "Role";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public IList<V1PolicyRule>? Rules { get; set; }
}

/// <summary>rbac.authorization.k8s.io/v1 PolicyRule: verbs allowed on resources of API groups.</summary>
public sealed class V1PolicyRule
{
    public IList<string>? ApiGroups { get; set; }
    public IList<string>? Resources { get; set; }
    public IList<string>? ResourceNames { get; set; }
    public required IList<string> Verbs { get; set; }
    public IList<string>? NonResourceURLs { get; set; }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleList.</summary>
public sealed class V1RoleList : KubernetesList<V1Role>;
