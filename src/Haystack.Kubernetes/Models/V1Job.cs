namespace Haystack.Kubernetes.Models;

/// <summary>batch/v1 Job: pods that run to completion.</summary>
public sealed class V1Job : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "batch/v1";
    public const string KubeKind = "Job";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1JobSpec? Spec { get; set; }
    public V1JobStatus? Status { get; set; }
}

/// <summary>batch/v1 JobSpec.</summary>
public sealed class V1JobSpec
{
    public required V1PodTemplateSpec Template { get; set; }
    public int? BackoffLimit { get; set; }
    public int? Completions { get; set; }
    public int? Parallelism { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
    public int? TtlSecondsAfterFinished { get; set; }
    public V1LabelSelector? Selector { get; set; }
    public bool? ManualSelector { get; set; }
    /// <summary>"NonIndexed" or "Indexed".</summary>
    public string? CompletionMode { get; set; }
}

/// <summary>batch/v1 JobStatus.</summary>
public sealed class V1JobStatus
{
    public int? Active { get; set; }
    public int? Succeeded { get; set; }
    public int? Failed { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? CompletionTime { get; set; }
    public IList<V1JobCondition>? Conditions { get; set; }
}

/// <summary>batch/v1 JobCondition ("Complete", "Failed", ...).</summary>
public sealed class V1JobCondition
{
    public required string Type { get; set; }
    public required string Status { get; set; }
    public DateTime? LastProbeTime { get; set; }
    public DateTime? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>batch/v1 JobList.</summary>
public sealed class V1JobList : KubernetesList<V1Job>;
