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

    [Description("The uid of the pod's PersistentVolumeClaim when the replica was placed: a claim with another uid is a new, empty disk, and the replica is lost.")]
    public string? ClaimUid { get; set; }

    [Description("Since when the pod's node has been gone or NotReady, as the operator first saw it; the replica counts as lost once this is older than spec.store.replicaLossGracePeriodSeconds.")]
    public DateTime? UnavailableSince { get; set; }

    [Description("Rebuilding: the store pod whose healthy replica is being copied.")]
    public string? Source { get; set; }

    [Description("Rebuilding: the placement this replica takes over once copied (a lost replica, or one on a store pod that a scale-in removes).")]
    public string? Replaces { get; set; }

    [Description("Why the replica is Missing or Rebuilding, in words.")]
    public string? Reason { get; set; }
}
