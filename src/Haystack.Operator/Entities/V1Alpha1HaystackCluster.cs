using k8s;
using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

/// <summary>A whole Haystack deployment: store pods, directory, cache and the rules for its volumes.</summary>
[KubernetesEntity(Group = HaystackApi.Group, ApiVersion = HaystackApi.Version, Kind = HaystackApi.ClusterKind, PluralName = "haystackclusters")]
[ShortNames("hsc")]
[Categories(HaystackApi.Category)]
[Description("A Haystack photo store: store pods on local XFS volumes, the directory, the cache, and the rules for logical volumes.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Description = "An upload can succeed")]
[PrinterColumn("Reconciled", "string", ".status.conditions[?(@.type==\"Reconciled\")].status")]
[PrinterColumn("Writable", "integer", ".status.volumes.writable", Description = "Volumes taking uploads")]
[PrinterColumn("Read-Only", "integer", ".status.volumes.readOnly", Description = "Full volumes serving reads")]
[PrinterColumn("Degraded", "integer", ".status.volumes.degraded", Description = "Volumes missing or rebuilding a replica")]
[PrinterColumn("Capacity", "string", ".status.capacity.total", Description = "Disk of all store pods")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1, Description = "Why the cluster is or is not ready")]
[PrinterColumn("Compacting", "integer", ".status.volumes.compacting", Priority = 1)]
[PrinterColumn("Volumes", "integer", ".status.volumes.total", Priority = 1, Description = "Logical volumes in the cluster")]
[PrinterColumn("Stores", "integer", ".spec.store.replicas", Priority = 1)]
[PrinterColumn("Image", "string", ".spec.image", Priority = 1)]
public sealed class V1Alpha1HaystackCluster : IKubernetesObject<V1ObjectMeta>, ISpec<HaystackClusterSpec>, IStatus<HaystackClusterStatus?>
{
    public string ApiVersion { get; set; } = HaystackApi.ApiVersion;
    public string Kind { get; set; } = HaystackApi.ClusterKind;
    public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    public HaystackClusterSpec Spec { get; set; } = new();

    public HaystackClusterStatus? Status { get; set; }
}
