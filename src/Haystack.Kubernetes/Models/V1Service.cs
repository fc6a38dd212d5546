namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Service: a stable name (and, unless headless, a virtual IP) for a set of pods.</summary>
public sealed class V1Service : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Service";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1ServiceSpec? Spec { get; set; }
    public V1ServiceStatus? Status { get; set; }
}

/// <summary>core/v1 ServiceSpec. <c>ClusterIP = "None"</c> makes a headless Service.</summary>
public sealed class V1ServiceSpec
{
    /// <summary>"ClusterIP", "NodePort", "LoadBalancer" or "ExternalName".</summary>
    public string? Type { get; set; }
    public IDictionary<string, string>? Selector { get; set; }
    public IList<V1ServicePort>? Ports { get; set; }
    public string? ClusterIP { get; set; }
    public IList<string>? ClusterIPs { get; set; }
    public bool? PublishNotReadyAddresses { get; set; }
    public string? SessionAffinity { get; set; }
    public string? ExternalTrafficPolicy { get; set; }
    public string? InternalTrafficPolicy { get; set; }
    public string? IpFamilyPolicy { get; set; }
}

/// <summary>core/v1 ServicePort.</summary>
public sealed class V1ServicePort
{
    public string? Name { get; set; }
    public int Port { get; set; }
    public IntstrIntOrString? TargetPort { get; set; }
    public string? Protocol { get; set; }
    public string? AppProtocol { get; set; }
    public int? NodePort { get; set; }
}

/// <summary>core/v1 ServiceStatus.</summary>
public sealed class V1ServiceStatus
{
    public V1LoadBalancerStatus? LoadBalancer { get; set; }
    public IList<V1Condition>? Conditions { get; set; }
}

/// <summary>core/v1 LoadBalancerStatus.</summary>
public sealed class V1LoadBalancerStatus
{
    public IList<V1LoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>core/v1 LoadBalancerIngress.</summary>
public sealed class V1LoadBalancerIngress
{
    public string? Ip { get; set; }
    public string? Hostname { get; set; }
}

/// <summary>core/v1 ServiceList.</summary>
public sealed class V1ServiceList : KubernetesList<V1Service>;
