using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("Where the certificate every component serves TLS with is kept: a kubernetes.io/tls Secret as cert-manager writes it.")]
public sealed class TlsSpec
{
    /// <summary>The Secret's keys, as cert-manager (and <c>kubectl create secret tls</c>, bar ca.crt) names them.</summary>
    public const string CertificateKey = "tls.crt";

    public const string PrivateKeyKey = "tls.key";

    public const string AuthorityKey = "ca.crt";

    [Required]
    [Pattern(KubernetesPatterns.DnsSubdomain)]
    [Length(1, 253)]
    [Description("Name of a Secret in the cluster's namespace holding tls.crt, tls.key and ca.crt (the CA every component verifies the others against); all three are required.")]
    public string SecretName { get; set; } = "";
}
