using Haystack.Kubernetes;

namespace Haystack.Operator.Entities;

/// <summary>The REST descriptors of the custom resources, for the generic client calls.</summary>
public static class HaystackResourceKinds
{
    public static ResourceKind Clusters { get; } = new(HaystackApi.Group, HaystackApi.Version, "haystackclusters", HaystackApi.ClusterKind, Namespaced: true);

    public static ResourceKind Volumes { get; } = new(HaystackApi.Group, HaystackApi.Version, "volumes", HaystackApi.VolumeKind, Namespaced: true);
}
