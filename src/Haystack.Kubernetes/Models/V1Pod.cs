namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Pod.</summary>
public sealed class V1Pod : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Pod";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1PodSpec? Spec { get; set; }
    public V1PodStatus? Status { get; set; }
}

/// <summary>core/v1 PodStatus.</summary>
public sealed class V1PodStatus
{
    /// <summary>"Pending", "Running", "Succeeded", "Failed" or "Unknown".</summary>
    public string? Phase { get; set; }
    public IList<V1PodCondition>? Conditions { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public string? HostIP { get; set; }
    public string? PodIP { get; set; }
    public DateTime? StartTime { get; set; }
    public IList<V1ContainerStatus>? ContainerStatuses { get; set; }
}

/// <summary>core/v1 PodCondition ("Ready", "PodScheduled", ...).</summary>
public sealed class V1PodCondition
{
    public required string Type { get; set; }
    public required string Status { get; set; }
    public DateTime? LastProbeTime { get; set; }
    public DateTime? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 ContainerStatus: the fields health checks read.</summary>
public sealed class V1ContainerStatus
{
    public required string Name { get; set; }
    public bool Ready { get; set; }
    public int RestartCount { get; set; }
    public bool? Started { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? ContainerID { get; set; }
}

/// <summary>core/v1 PodList.</summary>
public sealed class V1PodList : KubernetesList<V1Pod>;
