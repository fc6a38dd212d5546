using Haystack.Operator.Api;

namespace Haystack.Operator.Entities;

/// <summary>Where the custom resources are served, for KubernetesClient's CustomObjects calls.</summary>
public static class HaystackResourceKinds
{
    public static CustomResourceKind Clusters { get; } = new(HaystackApi.Group, HaystackApi.Version, "haystackclusters", HaystackApi.ClusterKind);

    public static CustomResourceKind Volumes { get; } = new(HaystackApi.Group, HaystackApi.Version, "volumes", HaystackApi.VolumeKind);
}
