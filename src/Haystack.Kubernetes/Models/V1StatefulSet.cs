namespace Haystack.Kubernetes.Models;

/// <summary>apps/v1 StatefulSet: pods with stable names and their own PersistentVolumeClaims.</summary>
public sealed class V1StatefulSet : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "apps/v1";
    public const string KubeKind = "StatefulSet";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1StatefulSetSpec? Spec { get; set; }
    public V1StatefulSetStatus? Status { get; set; }
}

/// <summary>apps/v1 StatefulSetSpec.</summary>
public sealed class V1StatefulSetSpec
{
    public int? Replicas { get; set; }
    public required V1LabelSelector Selector { get; set; }
    public string? ServiceName { get; set; }
    public required V1PodTemplateSpec Template { get; set; }
    public IList<V1PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }
    /// <summary>"OrderedReady" or "Parallel".</summary>
    public string? PodManagementPolicy { get; set; }
    public V1StatefulSetUpdateStrategy? UpdateStrategy { get; set; }
    public V1StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }
    public int? RevisionHistoryLimit { get; set; }
    public int? MinReadySeconds { get; set; }
}

/// <summary>apps/v1 StatefulSetUpdateStrategy: "RollingUpdate" (with a partition) or "OnDelete".</summary>
public sealed class V1StatefulSetUpdateStrategy
{
    public string? Type { get; set; }
    public V1RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}

/// <summary>apps/v1 RollingUpdateStatefulSetStrategy.</summary>
public sealed class V1RollingUpdateStatefulSetStrategy
{
    public int? Partition { get; set; }
    public IntstrIntOrString? MaxUnavailable { get; set; }
}

/// <summary>apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy: "Retain" or "Delete" per event.</summary>
public sealed class V1StatefulSetPersistentVolumeClaimRetentionPolicy
{
    public string? WhenDeleted { get; set; }
    public string? WhenScaled { get; set; }
}

/// <summary>apps/v1 StatefulSetStatus.</summary>
public sealed class V1StatefulSetStatus
{
    public long? ObservedGeneration { get; set; }
    public int Replicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? CurrentReplicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public string? CurrentRevision { get; set; }
    public string? UpdateRevision { get; set; }
    public int? CollisionCount { get; set; }
    public IList<V1StatefulSetCondition>? Conditions { get; set; }
}

/// <summary>apps/v1 StatefulSetCondition.</summary>
public sealed class V1StatefulSetCondition
{
    public required string Type { get; set; }
    public required string Status { get; set; }
    public DateTime? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>apps/v1 StatefulSetList.</summary>
public sealed class V1StatefulSetList : KubernetesList<V1StatefulSet>;
