using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>The directory's ClusterIP Service: where applications upload, delete and look up photos.</summary>
public static class DirectoryService
{
    public static V1Service Build(V1Alpha1HaystackCluster cluster) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = ChildMetadata.For(cluster, ClusterNames.Directory(cluster), HaystackComponent.Directory),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = ClusterLabels.Selector(cluster, HaystackComponent.Directory),
            Ports = [HeadlessService.Port(HaystackPorts.HttpName, HaystackPorts.Http)],
        },
    };
}
