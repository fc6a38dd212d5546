namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 PersistentVolumeClaim: a pod's request for durable storage.</summary>
public sealed class V1PersistentVolumeClaim : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "PersistentVolumeClaim";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1PersistentVolumeClaimSpec? Spec { get; set; }
    public V1PersistentVolumeClaimStatus? Status { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimSpec.</summary>
public sealed class V1PersistentVolumeClaimSpec
{
    public IList<string>? AccessModes { get; set; }
    public V1VolumeResourceRequirements? Resources { get; set; }
    public string? StorageClassName { get; set; }
    /// <summary>"Filesystem" or "Block".</summary>
    public string? VolumeMode { get; set; }
    public string? VolumeName { get; set; }
    public V1LabelSelector? Selector { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimStatus.</summary>
public sealed class V1PersistentVolumeClaimStatus
{
    /// <summary>"Pending", "Bound" or "Lost".</summary>
    public string? Phase { get; set; }
    public IList<string>? AccessModes { get; set; }
    public IDictionary<string, ResourceQuantity>? Capacity { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimList.</summary>
public sealed class V1PersistentVolumeClaimList : KubernetesList<V1PersistentVolumeClaim>;
