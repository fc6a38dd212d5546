using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("One physical replica of a logical volume.")]
public sealed class VolumePlacement
{
    [Required]
    [Description("The store pod that holds the replica.")]
    public string Pod { get; set; } = "";

    [Description("The node the pod ran on when the replica was placed.")]
    public string? Node { get; set; }

    [Description("The zone of that node, when the node has a zone label.")]
    public string? Zone { get; set; }

    [Required]
    [Description("Healthy, Missing or Rebuilding.")]
    public ReplicaState State { get; set; }
}
