using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("Defaults for the logical volumes the operator creates.")]
public sealed class LogicalVolumeSpec
{
    /// <summary>64 MiB: smaller volumes would spend more on superblocks and index files than on photos.</summary>
    public const long MinimumSizeLimitBytes = 64L << 20;

    [Range(MinimumSizeLimitBytes)]
    [Default(10L << 30)]
    [Description("Size limit of each logical volume in bytes; at readOnlyThreshold of it the volume turns read-only.")]
    public long SizeLimitBytes { get; set; } = 10L << 30;

    [Range(1, 5)]
    [Default(3)]
    [Description("Physical replicas of each logical volume, each on a different store pod (and node, and zone when possible).")]
    public int Replicas { get; set; } = 3;

    /// <summary>
    /// Two by default: uploads spread over both, and while one turns read-only and its replacement is being placed
    /// the other keeps taking uploads, so filling a volume never stops the write path.
    /// </summary>
    [Range(1, 1000)]
    [Default(2)]
    [Description("Writable logical volumes the operator keeps: when fewer are Writable (one turned read-only), it creates and places new ones.")]
    public int WritableVolumes { get; set; } = 2;
}
