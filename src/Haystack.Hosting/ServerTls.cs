using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Haystack.Hosting;

/// <summary>
/// A server's certificate and private key as PEM files (<c>--tls-cert</c>, <c>--tls-key</c>; in Kubernetes the
/// <c>tls.crt</c> and <c>tls.key</c> of a cert-manager Secret). Read at start, so a bad pair stops the server with the
/// file names; read again when the certificate file changes, so a renewed certificate is served without a restart.
/// </summary>
public sealed class ServerTls
{
    public static readonly TimeSpan DefaultRecheck = TimeSpan.FromSeconds(30);
    private readonly Lock _reload = new();
    private readonly TimeSpan _recheckEvery;
    private X509Certificate2 _certificate;
    private DateTime _certificateWritten;
    private long _nextCheck;

    /// <param name="recheckEvery">How often to look for a changed certificate file; null: <see cref="DefaultRecheck"/>.</param>
    public ServerTls(string certificateFile, string keyFile, TimeSpan? recheckEvery = null)
    {
        _recheckEvery = recheckEvery ?? DefaultRecheck;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
        (_certificate, _certificateWritten) = Load();
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>Both files, or neither (plain HTTP); one without the other is a mistake worth stopping for.</summary>
    public static ServerTls? From(string? certificateFile, string? keyFile) => (certificateFile, keyFile) switch
    {
        (null, null) => null,
        ({ } certificate, { } key) => new ServerTls(certificate, key),
        _ => throw new ArgumentException("TLS needs both --tls-cert and --tls-key (PEM files), or neither."),
    };

    /// <summary>Serves TLS on <paramref name="listen"/> with the current certificate.</summary>
    public void Apply(ListenOptions listen) =>
        listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = (_, _) => Current() });

    private X509Certificate2 Current()
    {
        var now = Environment.TickCount64;
        if (now < Volatile.Read(ref _nextCheck))
        {
            return _certificate;
        }
        lock (_reload)
        {
            _nextCheck = now + (long)_recheckEvery.TotalMilliseconds;
            if (File.GetLastWriteTimeUtc(CertificateFile) != _certificateWritten)
            {
                try
                {
                    (_certificate, _certificateWritten) = Load();
                }
                catch (ArgumentException)
                {
                    // Half-written during a renewal: keep serving the certificate that worked and look again later.
                }
            }
            return _certificate;
        }
    }

    private (X509Certificate2, DateTime) Load()
    {
        var written = File.GetLastWriteTimeUtc(CertificateFile);
        try
        {
            return (X509Certificate2.CreateFromPemFile(CertificateFile, KeyFile), written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"The TLS certificate {CertificateFile} with key {KeyFile} cannot be loaded: {e.Message}", e);
        }
    }
}
