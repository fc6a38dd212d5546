using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Haystack.Kubernetes.Tests.Configuration;

/// <summary>
/// A throwaway CA and certificates it signs, in the PEM forms kubeconfigs carry. ECDSA keeps generation
/// cheap; <see cref="Issue"/> can also produce the PKCS#1 RSA keys kubeadm writes. Shared per test class.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=haystack-test-ca", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Authority { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>A leaf certificate signed by <see cref="Authority"/>, its key PEM, and the pair loaded with its key.</summary>
    /// <param name="serverNames">DNS names a server certificate is valid for; localhost and 127.0.0.1 when null.</param>
    public (string CertificatePem, string KeyPem, X509Certificate2 WithKey) Issue(
        string commonName, bool server, bool rsa = false, IReadOnlyList<string>? serverNames = null)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(1024) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA rsaKey
            ? new CertificateRequest($"CN={commonName}", rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}", (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var usage = new OidCollection { new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usage, critical: false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            if (serverNames is null)
            {
                names.AddIpAddress(System.Net.IPAddress.Loopback);
                names.AddDnsName("localhost");
            }
            else
            {
                foreach (var name in serverNames)
                {
                    names.AddDnsName(name);
                }
            }

            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.Create(
            Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            DateTimeOffset.UtcNow.AddMinutes(-1), Authority.NotAfter.AddMinutes(-1), RandomNumberGenerator.GetBytes(8));
        var certificatePem = certificate.ExportCertificatePem();
        var keyPem = key is RSA r ? r.ExportRSAPrivateKeyPem() : ((ECDsa)key).ExportECPrivateKeyPem();
        using var withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        return (certificatePem, keyPem, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }

    public void Dispose()
    {
        Authority.Dispose();
        _caKey.Dispose();
    }
}
