using k8s;
using k8s.Models;

namespace Haystack.Directory.Kubernetes;

/// <summary>
/// The Directory's view of a haystack.io/v1alpha1 <c>Volume</c>: only the fields it reads and writes. The CRD is
/// the contract; the operator's entity classes (with their schema attributes) stay the operator's.
/// </summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = "Volume", PluralName = Plural)]
public sealed class VolumeResource : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "haystack.io";
    public const string Version = "v1alpha1";
    public const string Plural = "volumes";

    public string ApiVersion { get; set; } = Group + "/" + Version;
    public string Kind { get; set; } = "Volume";
    public V1ObjectMeta Metadata { get; set; } = new();
    public VolumeResourceSpec Spec { get; set; } = new();
    public VolumeResourceStatus? Status { get; set; }
}
