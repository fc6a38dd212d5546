namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 TopologySpreadConstraint: spread matching pods evenly over nodes or zones.</summary>
public sealed class V1TopologySpreadConstraint
{
    public int MaxSkew { get; set; }
    public required string TopologyKey { get; set; }
    /// <summary>"DoNotSchedule" or "ScheduleAnyway".</summary>
    public required string WhenUnsatisfiable { get; set; }
    public V1LabelSelector? LabelSelector { get; set; }
    public int? MinDomains { get; set; }
    public IList<string>? MatchLabelKeys { get; set; }
    public string? NodeAffinityPolicy { get; set; }
    public string? NodeTaintsPolicy { get; set; }
}
