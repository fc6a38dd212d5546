namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 ServiceAccount: the identity pods use against the API.</summary>
public sealed class V1ServiceAccount : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "ServiceAccount";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public bool? AutomountServiceAccountToken { get; set; }
    public IList<V1LocalObjectReference>? ImagePullSecrets { get; set; }
}

/// <summary>core/v1 ServiceAccountList.</summary>
public sealed class V1ServiceAccountList : KubernetesList<V1ServiceAccount>;
