using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("Failure domains: replicas of a volume go to distinct nodes first, then distinct zones.")]
public sealed class TopologySpec
{
    [Pattern(KubernetesPatterns.LabelKey)]
    [Default("kubernetes.io/hostname")]
    [Description("Node label that names a node.")]
    public string NodeKey { get; set; } = "kubernetes.io/hostname";

    [Pattern(KubernetesPatterns.LabelKey)]
    [Default("topology.kubernetes.io/zone")]
    [Description("Node label that names a zone.")]
    public string ZoneKey { get; set; } = "topology.kubernetes.io/zone";

    [Default(SpreadPolicy.DoNotSchedule)]
    [Description("DoNotSchedule keeps a store pod pending rather than put two on one node.")]
    public SpreadPolicy AcrossNodes { get; set; } = SpreadPolicy.DoNotSchedule;

    [Default(SpreadPolicy.ScheduleAnyway)]
    [Description("ScheduleAnyway lets single-zone clusters run; DoNotSchedule insists on even zones.")]
    public SpreadPolicy AcrossZones { get; set; } = SpreadPolicy.ScheduleAnyway;
}
