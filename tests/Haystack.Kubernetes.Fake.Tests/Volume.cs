using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

/// <summary>A custom resource shaped like the operator's, to prove the generic core serves any kind.</summary>
public sealed class Volume : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "haystack.io/v1alpha1";
    public string Kind { get; set; } = "Volume";
    public V1ObjectMeta Metadata { get; set; } = new();
    public VolumeSpec? Spec { get; set; }
    public VolumeStatus? Status { get; set; }
}

public sealed class VolumeSpec
{
    public int Replicas { get; set; }
    public long SizeLimitBytes { get; set; }
}

public sealed class VolumeStatus
{
    public string? Phase { get; set; }
    public long? ObservedGeneration { get; set; }
    public IList<V1Condition>? Conditions { get; set; }
}
