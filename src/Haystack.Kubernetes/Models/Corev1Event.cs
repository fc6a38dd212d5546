using System.Text.Json.Serialization;
using Haystack.Kubernetes.Serialization;

namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Event: what a controller did to an object, shown by <c>kubectl describe</c>.</summary>
public sealed class Corev1Event : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Event";

    public string ApiVersion { get; set; } = KubeApiVersion;
    public string Kind { get; set; } = KubeKind;
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1ObjectReference? InvolvedObject { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    /// <summary>"Normal" or "Warning".</summary>
    public string? Type { get; set; }
    public V1EventSource? Source { get; set; }
    public DateTime? FirstTimestamp { get; set; }
    public DateTime? LastTimestamp { get; set; }
    public int? Count { get; set; }
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTime? EventTime { get; set; }
    public string? Action { get; set; }
    public string? ReportingComponent { get; set; }
    public string? ReportingInstance { get; set; }
}

/// <summary>core/v1 ObjectReference: points at any object (an event's subject, a job a CronJob runs).</summary>
public sealed class V1ObjectReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? NamespaceProperty { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public string? FieldPath { get; set; }
}

/// <summary>core/v1 EventSource.</summary>
public sealed class V1EventSource
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}

/// <summary>core/v1 EventList.</summary>
public sealed class Corev1EventList : KubernetesList<Corev1Event>;
