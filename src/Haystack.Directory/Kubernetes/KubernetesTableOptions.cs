namespace Haystack.Directory.Kubernetes;

/// <summary>Which cluster's resources hold the table: its <c>Volume</c>s and its photo key object, in one namespace.</summary>
/// <param name="Cluster">The HaystackCluster's name.</param>
/// <param name="Namespace">Its namespace (the Volumes and the key ConfigMap live there too).</param>
/// <param name="StorePort">The port of the store pods' HTTP API, for replica URLs built from placement pod names.</param>
/// <param name="StoreScheme">The scheme of those URLs: https when the stores serve TLS.</param>
public sealed record KubernetesTableOptions(string Cluster, string Namespace, int StorePort = 8080, string StoreScheme = "http")
{
    /// <summary>The ConfigMap that records how far photo keys are reserved.</summary>
    public string KeyObjectName => $"{Cluster}-photo-keys";
}
