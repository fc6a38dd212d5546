using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("How many logical volumes are in each phase.")]
public sealed class VolumeCounts
{
    public int Total { get; set; }
    public int Writable { get; set; }
    public int ReadOnly { get; set; }
    public int Degraded { get; set; }
}
