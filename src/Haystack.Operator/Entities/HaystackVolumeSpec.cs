using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("The identity and shape of one logical volume.")]
public sealed class HaystackVolumeSpec
{
    [Required]
    [Immutable("the volume's replicas live on that cluster's store pods")]
    [Pattern(KubernetesPatterns.DnsLabel)]
    [Length(1, 63)]
    [Description("The HaystackCluster in this namespace that owns the volume.")]
    public string ClusterName { get; set; } = "";

    [Required]
    [Immutable("photo ids embed the volume id; a new id would orphan every photo in the volume")]
    [Range(1, uint.MaxValue)]
    [Description("Logical volume id, unique in the cluster; part of every photo id stored in it.")]
    public long Id { get; set; }

    [Immutable("replicas are placed once; removing one would drop data and adding one is a rebuild, not an edit")]
    [Range(1, 5)]
    [Default(3)]
    [Description("Physical replicas of the volume, each on a different store pod.")]
    public int Replicas { get; set; } = 3;

    [Range(LogicalVolumeSpec.MinimumSizeLimitBytes)]
    [ValidationRule("self >= oldSelf", "sizeLimitBytes can only grow: the volume may already hold more than a smaller limit")]
    [Default(10L << 30)]
    [Description("Size limit in bytes; the volume turns read-only near it.")]
    public long SizeLimitBytes { get; set; } = 10L << 30;
}
