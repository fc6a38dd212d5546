namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Volume: a volume mounted into a pod (not a Haystack volume).</summary>
public sealed class V1Volume
{
    public required string Name { get; set; }
    public V1PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    public V1ConfigMapVolumeSource? ConfigMap { get; set; }
    public V1SecretVolumeSource? Secret { get; set; }
    public V1EmptyDirVolumeSource? EmptyDir { get; set; }
    public V1HostPathVolumeSource? HostPath { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimVolumeSource.</summary>
public sealed class V1PersistentVolumeClaimVolumeSource
{
    public required string ClaimName { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("readOnly")]
    public bool? ReadOnlyProperty { get; set; }
}

/// <summary>core/v1 ConfigMapVolumeSource.</summary>
public sealed class V1ConfigMapVolumeSource
{
    public string? Name { get; set; }
    public IList<V1KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 SecretVolumeSource.</summary>
public sealed class V1SecretVolumeSource
{
    public string? SecretName { get; set; }
    public IList<V1KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 KeyToPath: one ConfigMap/Secret key projected to a file.</summary>
public sealed class V1KeyToPath
{
    public required string Key { get; set; }
    public required string Path { get; set; }
    public int? Mode { get; set; }
}

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
public sealed class V1EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public ResourceQuantity? SizeLimit { get; set; }
}

/// <summary>core/v1 HostPathVolumeSource.</summary>
public sealed class V1HostPathVolumeSource
{
    public required string Path { get; set; }
    public string? Type { get; set; }
}
