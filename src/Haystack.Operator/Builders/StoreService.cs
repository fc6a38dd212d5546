using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The store pods' headless Service. Not-ready pods are published: the directory tracks replica health
/// itself and must reach a recovering store to see it come back.
/// </summary>
public static class StoreService
{
    public static V1Service Build(V1Alpha1HaystackCluster cluster) => HeadlessService.Build(
        cluster,
        ClusterNames.Store(cluster),
        HaystackComponent.Store,
        [HeadlessService.Port(HaystackPorts.HttpName, HaystackPorts.Http), HeadlessService.Port(HaystackPorts.GrpcName, HaystackPorts.Grpc)],
        publishNotReady: true);
}
