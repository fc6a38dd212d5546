namespace Haystack.Kubernetes.Models;

/// <summary>batch/v1 CronJob: creates a Job on a schedule.</summary>
public sealed class V1CronJob : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "batch/v1";
    public const string KubeKind = "CronJob";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1CronJobSpec? Spec { get; set; }
    public V1CronJobStatus? Status { get; set; }
}

/// <summary>batch/v1 CronJobSpec.</summary>
public sealed class V1CronJobSpec
{
    /// <summary>Cron syntax, e.g. "0 3 * * *".</summary>
    public required string Schedule { get; set; }
    public string? TimeZone { get; set; }
    /// <summary>"Allow", "Forbid" or "Replace".</summary>
    public string? ConcurrencyPolicy { get; set; }
    public bool? Suspend { get; set; }
    public long? StartingDeadlineSeconds { get; set; }
    public int? SuccessfulJobsHistoryLimit { get; set; }
    public int? FailedJobsHistoryLimit { get; set; }
    public required V1JobTemplateSpec JobTemplate { get; set; }
}

/// <summary>batch/v1 JobTemplateSpec.</summary>
public sealed class V1JobTemplateSpec
{
    public V1ObjectMeta? Metadata { get; set; }
    public V1JobSpec? Spec { get; set; }
}

/// <summary>batch/v1 CronJobStatus.</summary>
public sealed class V1CronJobStatus
{
    public IList<V1ObjectReference>? Active { get; set; }
    public DateTime? LastScheduleTime { get; set; }
    public DateTime? LastSuccessfulTime { get; set; }
}

/// <summary>batch/v1 CronJobList.</summary>
public sealed class V1CronJobList : KubernetesList<V1CronJob>;
