using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("The desired shape of a Haystack cluster.")]
[ValidationRule("self.volume.replicas <= self.store.replicas",
    "volume.replicas cannot exceed store.replicas: every replica of a logical volume lives on a different store pod")]
public sealed class HaystackClusterSpec
{
    [Required]
    [Length(1, 512)]
    [Description("The haystack container image; every role (store, directory, cache) runs the same binary from it.")]
    public string Image { get; set; } = "";

    [Required]
    [Description("The store pods: each hosts many physical volumes on one local XFS disk.")]
    public StoreSpec Store { get; set; } = new();

    [Description("How logical volumes are created: their size limit and replica count.")]
    public LogicalVolumeSpec Volume { get; set; } = new();

    [Range(0.5, 1.0)]
    [Default(0.95)]
    [Description("Fraction of a logical volume's size limit at which the volume turns read-only and stops taking uploads.")]
    public double ReadOnlyThreshold { get; set; } = 0.95;

    [Description("The directory: maps logical volumes to physical replicas and takes uploads.")]
    public DirectorySpec Directory { get; set; } = new();

    [Description("The cache: a hash ring in front of the stores, keyed by photo id.")]
    public CacheSpec Cache { get; set; } = new();

    [Description("When volumes are compacted to reclaim the space of deleted photos.")]
    public CompactionSpec Compaction { get; set; } = new();

    [Description("A shared secret the directory, cache and stores use to authenticate each other. Absent: the operator generates one in the Secret <cluster>-auth (key token).")]
    public AuthSpec? Auth { get; set; }

    [Description("TLS on every component's HTTP and gRPC ports, from a cert-manager style Secret. Absent: plain HTTP and h2c.")]
    public TlsSpec? Tls { get; set; }

    [Description("How pods spread across nodes and zones so that replicas of a volume fail independently.")]
    public TopologySpec Topology { get; set; } = new();
}
