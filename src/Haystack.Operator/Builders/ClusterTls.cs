using k8s.Models;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// What <c>spec.tls</c> adds to the pods: the Secret mounted read-only as files, the flags that point the haystack
/// binary at them, and https in every URL and probe. The whole Secret is mounted (no <c>items</c>, no <c>subPath</c>),
/// so the kubelet swaps in a renewed certificate and the servers serve it without a restart.
/// </summary>
public static class ClusterTls
{
    public const string VolumeName = "tls";
    public const string Directory = "/etc/haystack-tls";

    /// <summary>Owner and group may read: the pods run as <see cref="HaystackContainer.RunAsUser"/> with that fsGroup.</summary>
    private const int FileMode = 0b100_100_000;

    public static bool Enabled(V1Alpha1HaystackCluster cluster) => cluster.Spec.Tls is not null;

    /// <summary>The scheme of every URL the operator renders for the cluster.</summary>
    public static string Scheme(V1Alpha1HaystackCluster cluster) => Enabled(cluster) ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;

    /// <summary>The kubelet's probe scheme (it does not verify the certificate); null keeps the default HTTP.</summary>
    public static string? ProbeScheme(V1Alpha1HaystackCluster cluster) => Enabled(cluster) ? "HTTPS" : null;

    /// <summary>A server role's flags: serve the Secret's certificate, trust its CA for the calls it makes.</summary>
    public static IEnumerable<string> ServerArgs(V1Alpha1HaystackCluster cluster) => Enabled(cluster)
        ? ["--tls-cert", File(TlsSpec.CertificateKey), "--tls-key", File(TlsSpec.PrivateKeyKey), .. ClientArgs(cluster)]
        : [];

    /// <summary>A client's flag (the compaction run): trust the Secret's CA.</summary>
    public static IEnumerable<string> ClientArgs(V1Alpha1HaystackCluster cluster) => Enabled(cluster) ? ["--tls-ca", File(TlsSpec.AuthorityKey)] : [];

    public static IEnumerable<V1Volume> Volumes(V1Alpha1HaystackCluster cluster) => cluster.Spec.Tls is { } tls
        ? [new V1Volume { Name = VolumeName, Secret = new V1SecretVolumeSource { SecretName = tls.SecretName, DefaultMode = FileMode } }]
        : [];

    public static IEnumerable<V1VolumeMount> Mounts(V1Alpha1HaystackCluster cluster) => Enabled(cluster)
        ? [new V1VolumeMount { Name = VolumeName, MountPath = Directory, ReadOnlyProperty = true }]
        : [];

    private static string File(string key) => $"{Directory}/{key}";
}
