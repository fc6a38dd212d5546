namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 SecurityContext (per container).</summary>
public sealed class V1SecurityContext
{
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public bool? ReadOnlyRootFilesystem { get; set; }
    public bool? AllowPrivilegeEscalation { get; set; }
    public bool? Privileged { get; set; }
    public V1Capabilities? Capabilities { get; set; }
    public V1SeccompProfile? SeccompProfile { get; set; }
}

/// <summary>core/v1 PodSecurityContext (whole pod).</summary>
public sealed class V1PodSecurityContext
{
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public long? FsGroup { get; set; }
    public string? FsGroupChangePolicy { get; set; }
    public IList<long>? SupplementalGroups { get; set; }
    public V1SeccompProfile? SeccompProfile { get; set; }
}

/// <summary>core/v1 Capabilities: Linux capabilities to add or drop.</summary>
public sealed class V1Capabilities
{
    public IList<string>? Add { get; set; }
    public IList<string>? Drop { get; set; }
}

/// <summary>core/v1 SeccompProfile: "RuntimeDefault", "Localhost" or "Unconfined".</summary>
public sealed class V1SeccompProfile
{
    public required string Type { get; set; }
    public string? LocalhostProfile { get; set; }
}
