namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 PodTemplateSpec: the pods a workload controller creates.</summary>
public sealed class V1PodTemplateSpec
{
    public V1ObjectMeta? Metadata { get; set; }
    public V1PodSpec? Spec { get; set; }
}
