namespace Haystack.Kubernetes.Models;

/// <summary>metav1.OwnerReference: ties a child to the object whose deletion removes it.</summary>
public sealed class V1OwnerReference
{
    public required string ApiVersion { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string Uid { get; set; }
    public bool? Controller { get; set; }
    public bool? BlockOwnerDeletion { get; set; }
}
