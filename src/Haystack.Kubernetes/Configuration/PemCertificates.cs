using System.Security.Cryptography.X509Certificates;

namespace Haystack.Kubernetes.Configuration;

/// <summary>Turns the PEM blocks kubeconfig files and service accounts carry into certificates.</summary>
internal static class PemCertificates
{
    /// <summary>A client certificate with its private key, re-imported so TLS can use the key on every platform.</summary>
    public static X509Certificate2 ClientCertificate(string certificatePem, string keyPem, string origin)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new KubeconfigException($"{origin}: the client certificate or key is not valid PEM ({e.Message})", e);
        }
    }

    /// <summary>Every certificate in a PEM bundle (a CA file may hold a chain).</summary>
    public static X509Certificate2Collection Authorities(string pem, string origin)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new KubeconfigException($"{origin}: the certificate authority is not valid PEM ({e.Message})", e);
        }

        if (collection.Count == 0)
        {
            throw new KubeconfigException($"{origin}: the certificate authority holds no PEM certificate");
        }

        return collection;
    }
}
