using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>The cache pods' headless Service: stable member names for the hash ring, ready pods only.</summary>
public static class CacheService
{
    public static V1Service Build(V1Alpha1HaystackCluster cluster) => HeadlessService.Build(
        cluster,
        ClusterNames.Cache(cluster),
        HaystackComponent.Cache,
        [HeadlessService.Port(HaystackPorts.HttpName, HaystackPorts.Http)],
        publishNotReady: false);
}
