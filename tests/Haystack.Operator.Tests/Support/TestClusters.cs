using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Support;

/// <summary>Clusters read from config/samples, as the API server would hand them to the operator.</summary>
internal static class TestClusters
{
    public const string FullSample = "haystack_v1alpha1_haystackcluster.yaml";
    public const string MinimalSample = "haystack_v1alpha1_haystackcluster_minimal.yaml";
    public const string TlsSample = "haystack_v1alpha1_haystackcluster_tls.yaml";

    public static V1Alpha1HaystackCluster FromSample(string fileName)
    {
        var cluster = ClusterManifest.Read(File.ReadAllText(RepositoryRoot.Combine("config", "samples", fileName)), fileName);
        // A fixed uid keeps owner references, and so golden files, stable.
        cluster.Metadata.Uid = "0b5e2c1a-7d3f-4e8b-9a61-2f0c8d4e6b17";
        cluster.Metadata.Generation = 1;
        return cluster;
    }

    public static V1Alpha1HaystackCluster Full() => FromSample(FullSample);

    public static V1Alpha1HaystackCluster Minimal() => FromSample(MinimalSample);

    public static V1Alpha1HaystackCluster Tls() => FromSample(TlsSample);
}
