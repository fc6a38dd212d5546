using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("Where the volume's replicas live and how full it is.")]
public sealed class HaystackVolumeStatus
{
    [Description("The metadata.generation the status describes.")]
    public long? ObservedGeneration { get; set; }

    [Description("Writable, ReadOnly, Degraded, Rebuilding, Compacting or Lost (every replica lost: terminal, delete the Volume to clear it).")]
    public VolumePhase? Phase { get; set; }

    [Description("Set while Degraded or Rebuilding: the phase (Writable or ReadOnly) the volume returns to once every replica is healthy.")]
    public VolumePhase? ResumePhase { get; set; }

    [ListMapKeys("pod")]
    [Description("One entry per physical replica.")]
    public IList<VolumePlacement>? Placements { get; set; }

    [ListMapKeys("type")]
    [Description("Spread: True when every replica has its own node (and zone, when nodes have zones), False with the reason when replicas share one.")]
    public IList<V1Condition>? Conditions { get; set; }

    [Range(0)]
    [Description("Bytes in the volume file, including garbage.")]
    public long Bytes { get; set; }

    [Range(0)]
    [Description("Live needles (photos and their size variants).")]
    public long Needles { get; set; }

    [Range(0)]
    [Description("Bytes held by deleted or overwritten needles, reclaimed by compaction.")]
    public long GarbageBytes { get; set; }
}
