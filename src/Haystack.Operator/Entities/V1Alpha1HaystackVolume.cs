using k8s;
using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

/// <summary>
/// One logical volume and where its physical replicas live. Named apart from the pod-volume model
/// <see cref="V1Volume"/>; served as kind <c>Volume</c>. The directory reads these as its volume table.
/// </summary>
[KubernetesEntity(Group = HaystackApi.Group, ApiVersion = HaystackApi.Version, Kind = HaystackApi.VolumeKind, PluralName = "volumes")]
[ShortNames("hsv")]
[Categories(HaystackApi.Category)]
[Description("A Haystack logical volume: its id, replica count, size limit and where its replicas live.")]
[PrinterColumn("Cluster", "string", ".spec.clusterName")]
[PrinterColumn("Id", "integer", ".spec.id")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Replicas", "integer", ".spec.replicas")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn("Bytes", "integer", ".status.bytes", Priority = 1)]
[PrinterColumn("Needles", "integer", ".status.needles", Priority = 1)]
[PrinterColumn("Garbage", "integer", ".status.garbageBytes", Priority = 1)]
public sealed class V1Alpha1HaystackVolume : IKubernetesObject<V1ObjectMeta>, ISpec<HaystackVolumeSpec>, IStatus<HaystackVolumeStatus?>
{
    public string ApiVersion { get; set; } = HaystackApi.ApiVersion;
    public string Kind { get; set; } = HaystackApi.VolumeKind;
    public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    public HaystackVolumeSpec Spec { get; set; } = new();

    public HaystackVolumeStatus? Status { get; set; }
}
