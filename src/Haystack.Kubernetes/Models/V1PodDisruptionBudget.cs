namespace Haystack.Kubernetes.Models;

/// <summary>policy/v1 PodDisruptionBudget: how many pods voluntary disruptions (drains) may take at once.</summary>
public sealed class V1PodDisruptionBudget : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "policy/v1";
    public const string KubeKind = "PodDisruptionBudget";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1PodDisruptionBudgetSpec? Spec { get; set; }
    public V1PodDisruptionBudgetStatus? Status { get; set; }
}

/// <summary>policy/v1 PodDisruptionBudgetSpec: set one of minAvailable or maxUnavailable.</summary>
public sealed class V1PodDisruptionBudgetSpec
{
    public IntstrIntOrString? MinAvailable { get; set; }
    public IntstrIntOrString? MaxUnavailable { get; set; }
    public V1LabelSelector? Selector { get; set; }
    /// <summary>"IfHealthyBudget" or "AlwaysAllow".</summary>
    public string? UnhealthyPodEvictionPolicy { get; set; }
}

/// <summary>policy/v1 PodDisruptionBudgetStatus.</summary>
public sealed class V1PodDisruptionBudgetStatus
{
    public long? ObservedGeneration { get; set; }
    public int CurrentHealthy { get; set; }
    public int DesiredHealthy { get; set; }
    public int DisruptionsAllowed { get; set; }
    public int ExpectedPods { get; set; }
    public IList<V1Condition>? Conditions { get; set; }
}

/// <summary>policy/v1 PodDisruptionBudgetList.</summary>
public sealed class V1PodDisruptionBudgetList : KubernetesList<V1PodDisruptionBudget>;
