using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("How many logical volumes are in each phase.")]
public sealed class VolumeCounts
{
    [Description("Every logical volume of the cluster, including those not placed yet.")]
    public int Total { get; set; }

    [Description("Volumes taking uploads.")]
    public int Writable { get; set; }

    [Description("Full (or marked) volumes serving reads and deletes only.")]
    public int ReadOnly { get; set; }

    [Description("Volumes missing a replica or rebuilding one.")]
    public int Degraded { get; set; }

    [Description("Volumes being compacted: neither writable nor degraded.")]
    public int Compacting { get; set; }

    [Description("Volumes whose every replica is lost: terminal, cleared by deleting the Volume.")]
    public int Lost { get; set; }
}
