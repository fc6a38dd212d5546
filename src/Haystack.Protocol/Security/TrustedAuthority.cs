using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Haystack.Protocol;

/// <summary>
/// The certificate authority a caller trusts for its calls to Haystack servers (<c>--tls-ca</c>): a server's certificate
/// must chain to one of the file's certificates and name the host that was called. The system's roots are not consulted.
/// </summary>
public sealed class TrustedAuthority
{
    private readonly X509Certificate2Collection _roots;

    private TrustedAuthority(X509Certificate2Collection roots, string file)
    {
        _roots = roots;
        File = file;
    }

    /// <summary>Where the certificates came from: a file, or e.g. the key of a Secret.</summary>
    public string File { get; }

    /// <summary>Reads the PEM file of one or more CA certificates; throws naming the file when it holds none.</summary>
    public static TrustedAuthority Load(string pemFile)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"The CA file {pemFile} cannot be read as PEM certificates: {e.Message}", e);
        }
        return Checked(roots, pemFile);
    }

    /// <summary>The same from PEM text held elsewhere (a Secret's ca.crt); <paramref name="source"/> names it in errors.</summary>
    public static TrustedAuthority FromPem(string pem, string source)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"The CA {source} cannot be read as PEM certificates: {e.Message}", e);
        }
        return Checked(roots, source);
    }

    private static TrustedAuthority Checked(X509Certificate2Collection roots, string source) => roots.Count == 0
        ? throw new ArgumentException($"The CA {source} holds no certificate (expected -----BEGIN CERTIFICATE-----).")
        : new TrustedAuthority(roots, source);

    /// <summary>Makes <paramref name="handler"/> accept exactly the servers this authority vouches for.</summary>
    public void Apply(SocketsHttpHandler handler) =>
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(certificate, errors);

    /// <summary>
    /// A name mismatch or a missing certificate fails whatever the chain; chain errors against the system roots are
    /// expected (a private CA) and replaced by a chain built against these roots alone.
    /// </summary>
    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
