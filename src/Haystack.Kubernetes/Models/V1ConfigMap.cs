namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 ConfigMap: configuration files and values for pods.</summary>
public sealed class V1ConfigMap : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "ConfigMap";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public IDictionary<string, string>? Data { get; set; }
    public IDictionary<string, byte[]>? BinaryData { get; set; }
    public bool? Immutable { get; set; }
}

/// <summary>core/v1 ConfigMapList.</summary>
public sealed class V1ConfigMapList : KubernetesList<V1ConfigMap>;
