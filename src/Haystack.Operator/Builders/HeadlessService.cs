using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// A headless Service gives each StatefulSet pod a stable DNS name (pod.service.namespace.svc), which is
/// how the directory addresses store replicas and how the cache ring names its members.
/// </summary>
public static class HeadlessService
{
    public static V1Service Build(V1Alpha1HaystackCluster cluster, string name, string component, IList<V1ServicePort> ports, bool publishNotReady) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = ChildMetadata.For(cluster, name, component),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            Selector = ClusterLabels.Selector(cluster, component),
            PublishNotReadyAddresses = publishNotReady,
            Ports = ports,
        },
    };

    public static V1ServicePort Port(string name, int port) =>
        new() { Name = name, Port = port, TargetPort = name, Protocol = "TCP" };
}
