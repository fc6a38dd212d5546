using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Haystack.Protocol;

/// <summary>
/// The certificate authority a caller trusts for its calls to Haystack servers (<c>--tls-ca</c>): a server's certificate
/// must chain to one of the file's certificates and name the host that was called. The system's roots are not consulted.
/// A file is looked at again every <see cref="DefaultRecheck"/> and reread when it changed, so a CA replaced in a
/// mounted Secret is trusted without a restart (a file that does not read as certificates keeps the ones that did).
/// </summary>
public sealed class TrustedAuthority
{
    public static readonly TimeSpan DefaultRecheck = TimeSpan.FromSeconds(30);

    private readonly Lock _reload = new();
    private readonly TimeSpan? _recheckEvery;
    private X509Certificate2Collection _roots;
    private DateTime _written;
    private long _nextCheck;

    private TrustedAuthority(X509Certificate2Collection roots, string file, TimeSpan? recheckEvery, DateTime written)
    {
        (_roots, _recheckEvery, _written) = (roots, recheckEvery, written);
        File = file;
    }

    /// <summary>Where the certificates came from: a file, or e.g. the key of a Secret.</summary>
    public string File { get; }

    /// <summary>Reads the PEM file of one or more CA certificates; throws naming the file when it holds none.</summary>
    /// <param name="recheckEvery">How often to look for a changed file; null: <see cref="DefaultRecheck"/>.</param>
    public static TrustedAuthority Load(string pemFile, TimeSpan? recheckEvery = null)
    {
        var written = System.IO.File.GetLastWriteTimeUtc(pemFile);
        return new TrustedAuthority(ReadFile(pemFile), pemFile, recheckEvery ?? DefaultRecheck, written);
    }

    /// <summary>The same from PEM text held elsewhere (a Secret's ca.crt), never reread; <paramref name="source"/> names it in errors.</summary>
    public static TrustedAuthority FromPem(string pem, string source)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"The CA {source} cannot be read as PEM certificates: {e.Message}", e);
        }
        return new TrustedAuthority(Checked(roots, source), source, recheckEvery: null, written: default);
    }

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
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private X509Certificate2Collection Roots()
    {
        if (_recheckEvery is not { } every || Environment.TickCount64 < Volatile.Read(ref _nextCheck))
        {
            return Volatile.Read(ref _roots);
        }
        lock (_reload)
        {
            _nextCheck = Environment.TickCount64 + (long)every.TotalMilliseconds;
            var written = System.IO.File.GetLastWriteTimeUtc(File);
            if (written != _written)
            {
                try
                {
                    Volatile.Write(ref _roots, ReadFile(File));
                    _written = written;
                }
                catch (ArgumentException)
                {
                    // Half-written or gone during a rotation: keep trusting what worked and look again later.
                }
            }
            return _roots;
        }
    }

    private static X509Certificate2Collection ReadFile(string pemFile)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"The CA file {pemFile} cannot be read as PEM certificates: {e.Message}", e);
        }
        return Checked(roots, $"file {pemFile}");
    }

    private static X509Certificate2Collection Checked(X509Certificate2Collection roots, string source) => roots.Count == 0
        ? throw new ArgumentException($"The CA {source} holds no certificate (expected -----BEGIN CERTIFICATE-----).")
        : roots;
}
