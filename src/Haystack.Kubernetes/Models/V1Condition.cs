namespace Haystack.Kubernetes.Models;

/// <summary>metav1.Condition: one observation of an object's state.</summary>
public sealed class V1Condition
{
    public required string Type { get; set; }
    /// <summary>"True", "False" or "Unknown".</summary>
    public required string Status { get; set; }
    public long? ObservedGeneration { get; set; }
    public DateTime LastTransitionTime { get; set; }
    public required string Reason { get; set; }
    public string Message { get; set; } = "";
}
