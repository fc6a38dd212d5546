namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Container.</summary>
public sealed class V1Container
{
    public required string Name { get; set; }
    public string? Image { get; set; }
    public string? ImagePullPolicy { get; set; }
    public IList<string>? Command { get; set; }
    public IList<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public IList<V1EnvVar>? Env { get; set; }
    public IList<V1ContainerPort>? Ports { get; set; }
    public IList<V1VolumeMount>? VolumeMounts { get; set; }
    public V1ResourceRequirements? Resources { get; set; }
    public V1Probe? LivenessProbe { get; set; }
    public V1Probe? ReadinessProbe { get; set; }
    public V1Probe? StartupProbe { get; set; }
    public V1SecurityContext? SecurityContext { get; set; }
    public string? TerminationMessagePolicy { get; set; }
}

/// <summary>core/v1 ContainerPort.</summary>
public sealed class V1ContainerPort
{
    public string? Name { get; set; }
    public int ContainerPort { get; set; }
    public string? Protocol { get; set; }
    public int? HostPort { get; set; }
}

/// <summary>core/v1 VolumeMount.</summary>
public sealed class V1VolumeMount
{
    public required string Name { get; set; }
    public required string MountPath { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("readOnly")]
    public bool? ReadOnlyProperty { get; set; }
    public string? SubPath { get; set; }
}
