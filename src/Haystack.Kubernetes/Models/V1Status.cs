namespace Haystack.Kubernetes.Models;

/// <summary>metav1.Status: the body of every API error (and of some deletes).</summary>
public sealed class V1Status : IKubernetesObject<V1ListMeta>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Status";
    public V1ListMeta Metadata { get; set; } = new();
    /// <summary>"Success" or "Failure".</summary>
    public string? Status { get; set; }
    public string? Message { get; set; }
    /// <summary>Machine-readable cause: NotFound, AlreadyExists, Conflict, Invalid, Gone, Expired...</summary>
    public string? Reason { get; set; }
    public V1StatusDetails? Details { get; set; }
    public int? Code { get; set; }
}

/// <summary>metav1.StatusDetails: which object the status is about.</summary>
public sealed class V1StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public IList<V1StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>metav1.StatusCause: one field-level reason for an Invalid status.</summary>
public sealed class V1StatusCause
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? Field { get; set; }
}
