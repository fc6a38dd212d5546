using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Haystack.Testing;

/// <summary>
/// A certificate authority made for one test, and a server certificate it signs for 127.0.0.1, localhost and any
/// further DNS names (a cluster's Service and pod names), written as PEM files the way cert-manager leaves them in a
/// kubernetes.io/tls Secret (<c>ca.crt</c>, <c>tls.crt</c>, <c>tls.key</c>).
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("haystack-tls-").FullName;

    public TestAuthority(string name = "Haystack test CA", IEnumerable<string>? dnsNames = null)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=haystack-server", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        foreach (var dnsName in (dnsNames ?? []).Prepend("localhost"))
        {
            names.AddDnsName(dnsName);
        }
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));

        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        File.WriteAllText(CertificateFile, server.ExportCertificatePem());
        File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string CaFile => Path.Combine(_folder, "ca.crt");

    public string CertificateFile => Path.Combine(_folder, "tls.crt");

    public string KeyFile => Path.Combine(_folder, "tls.key");

    /// <summary>The three files as the Data of a kubernetes.io/tls Secret.</summary>
    public Dictionary<string, byte[]> SecretData() => new()
    {
        ["ca.crt"] = File.ReadAllBytes(CaFile),
        ["tls.crt"] = File.ReadAllBytes(CertificateFile),
        ["tls.key"] = File.ReadAllBytes(KeyFile),
    };

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);
}
