using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>Names of a cluster's children: the cluster's name and the component, so they sort together.</summary>
public static class ClusterNames
{
    public static string Store(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-store";
    public static string Directory(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-directory";
    public static string Cache(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-cache";
    public static string Config(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-config";
    public static string Compaction(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-compaction";

    /// <summary>The Secret the operator generates the cluster's key in when spec.auth names none.</summary>
    public static string Auth(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-auth";

    /// <summary>The ConfigMap the directories reserve photo keys in (Haystack.Directory.Kubernetes.KubernetesTableOptions spells it too).</summary>
    public static string PhotoKeys(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-photo-keys";

    /// <summary>The identity of the data pods (store, directory, cache): it may read Volumes and report their status.</summary>
    public static string DataServiceAccount(V1Alpha1HaystackCluster cluster) => $"{Name(cluster)}-data";

    public static string Name(V1Alpha1HaystackCluster cluster) =>
        cluster.Metadata.Name ?? throw new ArgumentException("the HaystackCluster has no metadata.name", nameof(cluster));

    public static string Namespace(V1Alpha1HaystackCluster cluster) =>
        cluster.Metadata.NamespaceProperty ?? throw new ArgumentException($"HaystackCluster {cluster.Metadata.Name} has no metadata.namespace", nameof(cluster));
}
