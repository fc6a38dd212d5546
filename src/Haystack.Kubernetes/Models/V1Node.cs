namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Node (cluster-scoped). Zone and hostname come from its well-known labels.</summary>
public sealed class V1Node : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Node";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1NodeSpec? Spec { get; set; }
    public V1NodeStatus? Status { get; set; }
}

/// <summary>core/v1 NodeSpec.</summary>
public sealed class V1NodeSpec
{
    public string? PodCIDR { get; set; }
    public string? ProviderID { get; set; }
    public bool? Unschedulable { get; set; }
    public IList<V1Taint>? Taints { get; set; }
}

/// <summary>core/v1 Taint.</summary>
public sealed class V1Taint
{
    public required string Key { get; set; }
    public string? Value { get; set; }
    /// <summary>"NoSchedule", "PreferNoSchedule" or "NoExecute".</summary>
    public required string Effect { get; set; }
    public DateTime? TimeAdded { get; set; }
}

/// <summary>core/v1 NodeStatus.</summary>
public sealed class V1NodeStatus
{
    public IDictionary<string, ResourceQuantity>? Capacity { get; set; }
    public IDictionary<string, ResourceQuantity>? Allocatable { get; set; }
    public IList<V1NodeCondition>? Conditions { get; set; }
    public IList<V1NodeAddress>? Addresses { get; set; }
}

/// <summary>core/v1 NodeCondition ("Ready", "DiskPressure", ...).</summary>
public sealed class V1NodeCondition
{
    public required string Type { get; set; }
    public required string Status { get; set; }
    public DateTime? LastHeartbeatTime { get; set; }
    public DateTime? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 NodeAddress ("InternalIP", "Hostname", ...).</summary>
public sealed class V1NodeAddress
{
    public required string Type { get; set; }
    public required string Address { get; set; }
}

/// <summary>core/v1 NodeList.</summary>
public sealed class V1NodeList : KubernetesList<V1Node>;
