using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Haystack.Kubernetes.Configuration;
using YamlDotNet.Serialization;

namespace Haystack.Kubernetes;

/// <summary>
/// Where the API server is and how to authenticate to it, from a kubeconfig file or from the pod's
/// service account. Shaped like KubernetesClient's class of the same name.
/// </summary>
public sealed class KubernetesClientConfiguration
{
    public const string ServiceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The API server's base URL, e.g. <c>https://10.0.0.1:443</c>.</summary>
    public required string Host { get; set; }

    /// <summary>The namespace of the current context (or of the pod), when one is set.</summary>
    public string? Namespace { get; set; }

    public string? CurrentContext { get; set; }

    public string? AccessToken { get; set; }

    /// <summary>A file holding the bearer token, re-read every minute (rotated service account tokens).</summary>
    public string? TokenFile { get; set; }

    /// <summary>The client certificate with its private key, for certificate authentication.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>The authorities that sign the server's certificate; the system store when null.</summary>
    public X509Certificate2Collection? SslCaCerts { get; set; }

    public bool SkipTlsVerify { get; set; }

    /// <summary>
    /// The name to check the server certificate against (and send as SNI) when it differs from the host.
    /// Sent as the Host header, from which SocketsHttpHandler takes the TLS name; the API server ignores Host.
    /// </summary>
    public string? TlsServerName { get; set; }

    /// <summary>Time limit of each non-watch request.</summary>
    public TimeSpan HttpClientTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>$KUBECONFIG (first file), else ~/.kube/config, else the in-cluster service account.</summary>
    public static KubernetesClientConfiguration BuildDefaultConfig()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return BuildConfigFromConfigFile(fromEnvironment.Split(Path.PathSeparator)[0]);
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home))
        {
            return BuildConfigFromConfigFile(home);
        }

        if (IsInCluster())
        {
            return InClusterConfig();
        }

        throw new KubeconfigException(
            $"no Kubernetes configuration: set KUBECONFIG, create {home}, or run in a pod with a service account");
    }

    /// <summary>Reads a kubeconfig file; <paramref name="currentContext"/> overrides its current-context.</summary>
    public static KubernetesClientConfiguration BuildConfigFromConfigFile(string? kubeconfigPath = null, string? currentContext = null)
    {
        var path = kubeconfigPath ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (!File.Exists(path))
        {
            throw new KubeconfigException($"kubeconfig file {path} does not exist");
        }

        KubeconfigDocument document;
        try
        {
            document = new DeserializerBuilder().IgnoreUnmatchedProperties().Build()
                .Deserialize<KubeconfigDocument>(File.ReadAllText(path)) ?? new KubeconfigDocument();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new KubeconfigException($"kubeconfig {path} is not valid YAML: {e.Message}", e);
        }

        return FromKubeconfig(document, path, currentContext);
    }

    public static bool IsInCluster(string serviceAccountPath = ServiceAccountPath) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && File.Exists(Path.Combine(serviceAccountPath, "token"));

    /// <summary>The pod's service account: token, CA and namespace files plus KUBERNETES_SERVICE_HOST/PORT.</summary>
    public static KubernetesClientConfiguration InClusterConfig(string serviceAccountPath = ServiceAccountPath)
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException(
                "not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set");
        }

        var tokenFile = Path.Combine(serviceAccountPath, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeconfigException($"service account token {tokenFile} is missing: is automountServiceAccountToken off?");
        }

        var caFile = Path.Combine(serviceAccountPath, "ca.crt");
        var namespaceFile = Path.Combine(serviceAccountPath, "namespace");
        return new KubernetesClientConfiguration
        {
            // An IPv6 service address needs brackets in a URL.
            Host = host.Contains(':') ? $"https://[{host}]:{port}" : $"https://{host}:{port}",
            TokenFile = tokenFile,
            SslCaCerts = File.Exists(caFile) ? PemCertificates.Authorities(File.ReadAllText(caFile), caFile) : null,
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
        };
    }

    /// <summary>The handler that carries this configuration's TLS settings; authentication headers are added per request.</summary>
    public HttpMessageHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
        }

        if (SkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (SslCaCerts is { Count: > 0 } authorities)
        {
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, errors) => IsTrusted(certificate, errors, authorities);
        }

        return handler;
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // Name and presence errors stand; only the chain is re-checked, against the configured authorities.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        using var serverCertificate = new X509Certificate2(certificate);
        return chain.Build(serverCertificate);
    }

    private static KubernetesClientConfiguration FromKubeconfig(KubeconfigDocument document, string path, string? contextOverride)
    {
        var contextName = contextOverride ?? document.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeconfigException($"kubeconfig {path} sets no current-context; pass a context name");
        }

        var context = document.Contexts.FirstOrDefault(c => c.Name == contextName)?.Context
            ?? throw new KubeconfigException($"kubeconfig {path} has no context named '{contextName}'");
        var cluster = document.Clusters.FirstOrDefault(c => c.Name == context.Cluster)?.Cluster
            ?? throw new KubeconfigException($"kubeconfig {path}: context '{contextName}' names cluster '{context.Cluster}', which is not defined");
        if (string.IsNullOrEmpty(cluster.Server))
        {
            throw new KubeconfigException($"kubeconfig {path}: cluster '{context.Cluster}' has no server");
        }

        var user = context.User is null
            ? new KubeconfigUser()
            : document.Users.FirstOrDefault(u => u.Name == context.User)?.User
                ?? throw new KubeconfigException($"kubeconfig {path}: context '{contextName}' names user '{context.User}', which is not defined");
        if (user.Exec is not null || user.AuthProvider is not null)
        {
            throw new KubeconfigException(
                $"kubeconfig {path}: user '{context.User}' authenticates with an exec or auth-provider plugin, which this client does not run; use a token or client certificate");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var origin = $"kubeconfig {path}";
        return new KubernetesClientConfiguration
        {
            Host = cluster.Server.TrimEnd('/'),
            CurrentContext = contextName,
            Namespace = context.Namespace,
            AccessToken = user.Token,
            TokenFile = user.TokenFile is null ? null : Path.Combine(directory, user.TokenFile),
            SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            SslCaCerts = Authorities(cluster, directory, origin),
            ClientCertificate = ClientCertificateOf(user, directory, origin),
        };
    }

    private static X509Certificate2Collection? Authorities(KubeconfigCluster cluster, string directory, string origin)
    {
        if (cluster.CertificateAuthorityData is { } data)
        {
            return PemCertificates.Authorities(DecodeBase64(data, origin, "certificate-authority-data"), origin);
        }

        if (cluster.CertificateAuthority is { } file)
        {
            return PemCertificates.Authorities(ReadFile(Path.Combine(directory, file), origin), origin);
        }

        return null;
    }

    private static X509Certificate2? ClientCertificateOf(KubeconfigUser user, string directory, string origin)
    {
        var certificate = user.ClientCertificateData is { } certData
            ? DecodeBase64(certData, origin, "client-certificate-data")
            : user.ClientCertificate is { } certFile ? ReadFile(Path.Combine(directory, certFile), origin) : null;
        var key = user.ClientKeyData is { } keyData
            ? DecodeBase64(keyData, origin, "client-key-data")
            : user.ClientKey is { } keyFile ? ReadFile(Path.Combine(directory, keyFile), origin) : null;
        return (certificate, key) switch
        {
            (null, null) => null,
            ({ } cert, { } privateKey) => PemCertificates.ClientCertificate(cert, privateKey, origin),
            _ => throw new KubeconfigException($"{origin}: a client certificate needs both the certificate and its key"),
        };
    }

    private static string DecodeBase64(string data, string origin, string field)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }
        catch (FormatException e)
        {
            throw new KubeconfigException($"{origin}: {field} is not valid base64", e);
        }
    }

    private static string ReadFile(string path, string origin)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new KubeconfigException($"{origin}: cannot read {path}: {e.Message}", e);
        }
    }
}
