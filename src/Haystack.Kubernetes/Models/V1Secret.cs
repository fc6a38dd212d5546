namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Secret. <c>Data</c> values travel base64-encoded; <c>StringData</c> is write-only plain text.</summary>
public sealed class V1Secret : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Secret";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public IDictionary<string, byte[]>? Data { get; set; }
    public IDictionary<string, string>? StringData { get; set; }
    public string? Type { get; set; }
    public bool? Immutable { get; set; }
}

/// <summary>core/v1 SecretList.</summary>
public sealed class V1SecretList : KubernetesList<V1Secret>;
