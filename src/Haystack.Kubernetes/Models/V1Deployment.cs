namespace Haystack.Kubernetes.Models;

/// <summary>apps/v1 Deployment: interchangeable pods rolled out by ReplicaSets.</summary>
public sealed class V1Deployment : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "apps/v1";
    public const string KubeKind = "Deployment";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1DeploymentSpec? Spec { get; set; }
    public V1DeploymentStatus? Status { get; set; }
}

/// <summary>apps/v1 DeploymentSpec.</summary>
public sealed class V1DeploymentSpec
{
    public int? Replicas { get; set; }
    public required V1LabelSelector Selector { get; set; }
    public required V1PodTemplateSpec Template { get; set; }
    public V1DeploymentStrategy? Strategy { get; set; }
    public int? MinReadySeconds { get; set; }
    public int? RevisionHistoryLimit { get; set; }
    public int? ProgressDeadlineSeconds { get; set; }
    public bool? Paused { get; set; }
}

/// <summary>apps/v1 DeploymentStrategy: "RollingUpdate" or "Recreate".</summary>
public sealed class V1DeploymentStrategy
{
    public string? Type { get; set; }
    public V1RollingUpdateDeployment? RollingUpdate { get; set; }
}

/// <summary>apps/v1 RollingUpdateDeployment.</summary>
public sealed class V1RollingUpdateDeployment
{
    public IntstrIntOrString? MaxUnavailable { get; set; }
    public IntstrIntOrString? MaxSurge { get; set; }
}

/// <summary>apps/v1 DeploymentStatus.</summary>
public sealed class V1DeploymentStatus
{
    public long? ObservedGeneration { get; set; }
    public int? Replicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public int? UnavailableReplicas { get; set; }
    public IList<V1DeploymentCondition>? Conditions { get; set; }
}

/// <summary>apps/v1 DeploymentCondition.</summary>
public sealed class V1DeploymentCondition
{
    public required string Type { get; set; }
    public required string Status { get; set; }
    public DateTime? LastUpdateTime { get; set; }
    public DateTime? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>apps/v1 DeploymentList.</summary>
public sealed class V1DeploymentList : KubernetesList<V1Deployment>;
