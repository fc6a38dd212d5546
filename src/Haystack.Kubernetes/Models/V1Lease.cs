using System.Text.Json.Serialization;
using Haystack.Kubernetes.Serialization;

namespace Haystack.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease: who holds a lock (leader election) and until when.</summary>
public sealed class V1Lease : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "coordination.k8s.io/v1";
    public const string KubeKind = "Lease";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1LeaseSpec? Spec { get; set; }
}

/// <summary>coordination.k8s.io/v1 LeaseSpec. Times are MicroTime (six fractional digits on the wire).</summary>
public sealed class V1LeaseSpec
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTime? AcquireTime { get; set; }
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTime? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
}

/// <summary>coordination.k8s.io/v1 LeaseList.</summary>
public sealed class V1LeaseList : KubernetesList<V1Lease>;
