namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 ResourceRequirements: requests and limits by resource name ("cpu", "memory").</summary>
public sealed class V1ResourceRequirements
{
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
}

/// <summary>core/v1 VolumeResourceRequirements: a claim's storage request.</summary>
public sealed class V1VolumeResourceRequirements
{
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
}
