using System.Globalization;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// How the data pods reach each other: Services and StatefulSet pods by their cluster DNS names
/// (pod.service.namespace.svc through the headless Services), on <see cref="HaystackPorts.Http"/>; https with
/// <c>spec.tls</c>, whose certificate must name these hosts (config/README.md, "TLS").
/// </summary>
public static class ClusterAddresses
{
    /// <summary>The directory's ClusterIP Service.</summary>
    public static string Directory(V1Alpha1HaystackCluster cluster) => ServiceUrl(cluster, ClusterNames.Directory(cluster));

    /// <summary>Every store pod, store-0 first.</summary>
    public static IEnumerable<string> StorePods(V1Alpha1HaystackCluster cluster) =>
        PodUrls(cluster, ClusterNames.Store(cluster), cluster.Spec.Store.Replicas);

    /// <summary>Every cache pod of the hash ring, cache-0 first.</summary>
    public static IEnumerable<string> CachePods(V1Alpha1HaystackCluster cluster) =>
        PodUrls(cluster, ClusterNames.Cache(cluster), cluster.Spec.Cache.Replicas);

    /// <summary>A cache pod's own URL, spelled as in <see cref="CachePods"/>, with its name from the downward API.</summary>
    public static string CacheSelf(V1Alpha1HaystackCluster cluster) =>
        PodUrl(cluster, ClusterNames.Cache(cluster), $"$({HaystackContainer.PodNameVariable})");

    /// <summary>The DNS name of a Service in the cluster's namespace.</summary>
    public static string ServiceHost(V1Alpha1HaystackCluster cluster, string service) => $"{service}.{ClusterNames.Namespace(cluster)}.svc";

    private static string ServiceUrl(V1Alpha1HaystackCluster cluster, string service) =>
        string.Create(CultureInfo.InvariantCulture, $"{ClusterTls.Scheme(cluster)}://{ServiceHost(cluster, service)}:{HaystackPorts.Http}");

    private static IEnumerable<string> PodUrls(V1Alpha1HaystackCluster cluster, string statefulSet, int replicas) =>
        Enumerable.Range(0, replicas).Select(i => PodUrl(cluster, statefulSet, string.Create(CultureInfo.InvariantCulture, $"{statefulSet}-{i}")));

    /// <summary>A StatefulSet pod through the headless Service of the same name (the builders give both one name).</summary>
    private static string PodUrl(V1Alpha1HaystackCluster cluster, string statefulSet, string pod) =>
        string.Create(CultureInfo.InvariantCulture, $"{ClusterTls.Scheme(cluster)}://{pod}.{ServiceHost(cluster, statefulSet)}:{HaystackPorts.Http}");
}
