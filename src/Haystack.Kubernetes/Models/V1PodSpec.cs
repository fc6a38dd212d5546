namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 PodSpec: the fields our workloads set.</summary>
public sealed class V1PodSpec
{
    public IList<V1Container> Containers { get; set; } = [];
    public IList<V1Container>? InitContainers { get; set; }
    public IList<V1Volume>? Volumes { get; set; }
    public string? ServiceAccountName { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public IDictionary<string, string>? NodeSelector { get; set; }
    public string? NodeName { get; set; }
    public V1Affinity? Affinity { get; set; }
    public IList<V1Toleration>? Tolerations { get; set; }
    public IList<V1TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }
    public V1PodSecurityContext? SecurityContext { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    public string? RestartPolicy { get; set; }
    public string? PriorityClassName { get; set; }
    public string? Hostname { get; set; }
    public string? Subdomain { get; set; }
    public string? DnsPolicy { get; set; }
    public bool? EnableServiceLinks { get; set; }
    public IList<V1LocalObjectReference>? ImagePullSecrets { get; set; }
}

/// <summary>core/v1 LocalObjectReference: a name in the same namespace.</summary>
public sealed class V1LocalObjectReference
{
    public string? Name { get; set; }
}

/// <summary>core/v1 Toleration: lets a pod schedule onto a tainted node.</summary>
public sealed class V1Toleration
{
    public string? Key { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("operator")]
    public string? OperatorProperty { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    public long? TolerationSeconds { get; set; }
}
