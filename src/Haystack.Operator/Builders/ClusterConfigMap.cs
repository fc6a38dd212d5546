using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// haystack.json, mounted at /etc/haystack in the data pods: where the components are and the volume rules,
/// for people and tools inside the pods. The verbs take their settings from their args, not from this file.
/// </summary>
public static class ClusterConfigMap
{
    public const string FileName = "haystack.json";

    public static V1ConfigMap Build(V1Alpha1HaystackCluster cluster)
    {
        var ns = ClusterNames.Namespace(cluster);
        var spec = cluster.Spec;
        var config = new JsonObject
        {
            ["cluster"] = ClusterNames.Name(cluster),
            ["namespace"] = ns,
            ["scheme"] = ClusterTls.Scheme(cluster),
            ["store"] = new JsonObject
            {
                ["service"] = ClusterAddresses.ServiceHost(cluster, ClusterNames.Store(cluster)),
                ["statefulSet"] = ClusterNames.Store(cluster),
                ["replicas"] = spec.Store.Replicas,
                ["httpPort"] = HaystackPorts.Http,
                ["grpcPort"] = HaystackPorts.Grpc,
            },
            ["directory"] = new JsonObject { ["service"] = ClusterAddresses.ServiceHost(cluster, ClusterNames.Directory(cluster)) },
            ["cache"] = new JsonObject
            {
                ["service"] = ClusterAddresses.ServiceHost(cluster, ClusterNames.Cache(cluster)),
                ["statefulSet"] = ClusterNames.Cache(cluster),
                ["replicas"] = spec.Cache.Replicas,
                ["sizeBytes"] = spec.Cache.SizeBytes,
            },
            ["volume"] = new JsonObject
            {
                ["sizeLimitBytes"] = spec.Volume.SizeLimitBytes,
                ["replicas"] = spec.Volume.Replicas,
                ["readOnlyThreshold"] = spec.ReadOnlyThreshold,
            },
            ["compaction"] = new JsonObject { ["garbageThreshold"] = spec.Compaction.GarbageThreshold },
        };
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = ChildMetadata.For(cluster, ClusterNames.Config(cluster), HaystackComponent.Config),
            Data = new Dictionary<string, string>
            {
                [FileName] = config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
            },
        };
    }
}
