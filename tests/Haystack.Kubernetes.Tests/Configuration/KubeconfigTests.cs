using System.Text;
using Haystack.Kubernetes.Configuration;

namespace Haystack.Kubernetes.Tests.Configuration;

public sealed class KubeconfigTests(TestCertificates certificates) : IClassFixture<TestCertificates>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    [Fact]
    public void Current_context_selects_server_token_and_namespace()
    {
        var path = Write("""
            apiVersion: v1
            kind: Config
            current-context: prod
            preferences: {}
            clusters:
            - name: dev-cluster
              cluster:
                server: https://dev.example:6443
            - name: prod-cluster
              cluster:
                server: https://prod.example:6443/
            contexts:
            - name: dev
              context: {cluster: dev-cluster, user: dev-user}
            - name: prod
              context:
                cluster: prod-cluster
                user: prod-user
                namespace: photos
            users:
            - name: dev-user
              user: {token: dev-token}
            - name: prod-user
              user:
                token: prod-token
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal("https://prod.example:6443", config.Host);
        Assert.Equal("prod-token", config.AccessToken);
        Assert.Equal("photos", config.Namespace);
        Assert.Equal("prod", config.CurrentContext);
        Assert.False(config.SkipTlsVerify);
        Assert.Null(config.ClientCertificate);
    }

    [Fact]
    public void An_explicit_context_overrides_the_current_one()
    {
        var path = Write("""
            current-context: prod
            clusters:
            - name: a
              cluster: {server: "https://a:6443", insecure-skip-tls-verify: true}
            - name: b
              cluster: {server: "https://b:6443"}
            contexts:
            - name: prod
              context: {cluster: b, user: u}
            - name: lab
              context: {cluster: a, user: u}
            users:
            - name: u
              user: {token: t}
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: "lab");

        Assert.Equal("https://a:6443", config.Host);
        Assert.True(config.SkipTlsVerify);
        Assert.Null(config.Namespace);
    }

    [Fact]
    public void Embedded_client_certificate_key_and_authority_are_loaded()
    {
        var client = certificates.Issue("haystack-operator", server: false, rsa: true);
        var path = Write($"""
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://10.0.0.1
                certificate-authority-data: {Base64(certificates.AuthorityPem)}
                tls-server-name: kubernetes.default
            contexts:
            - name: c
              context: {"{"}cluster: k, user: u{"}"}
            users:
            - name: u
              user:
                client-certificate-data: {Base64(client.CertificatePem)}
                client-key-data: {Base64(client.KeyPem)}
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.NotNull(config.ClientCertificate);
        Assert.True(config.ClientCertificate.HasPrivateKey);
        Assert.Equal("CN=haystack-operator", config.ClientCertificate.Subject);
        Assert.Equal(certificates.Authority.Thumbprint, Assert.Single(config.SslCaCerts!).Thumbprint);
        Assert.Equal("kubernetes.default", config.TlsServerName);
        Assert.Null(config.AccessToken);
    }

    [Fact]
    public void Certificate_files_are_read_relative_to_the_kubeconfig()
    {
        var client = certificates.Issue("admin", server: false);
        Directory.CreateDirectory(Path.Combine(_directory, "pki"));
        File.WriteAllText(Path.Combine(_directory, "pki", "ca.crt"), certificates.AuthorityPem);
        File.WriteAllText(Path.Combine(_directory, "pki", "admin.crt"), client.CertificatePem);
        File.WriteAllText(Path.Combine(_directory, "pki", "admin.key"), client.KeyPem);
        File.WriteAllText(Path.Combine(_directory, "pki", "token"), "from-file\n");
        var path = Write("""
            current-context: c
            clusters:
            - name: k
              cluster: {server: "https://10.0.0.1", certificate-authority: pki/ca.crt}
            contexts:
            - name: c
              context: {cluster: k, user: u}
            users:
            - name: u
              user: {client-certificate: pki/admin.crt, client-key: pki/admin.key, tokenFile: pki/token}
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal("CN=admin", config.ClientCertificate!.Subject);
        Assert.Single(config.SslCaCerts!);
        Assert.Equal(Path.Combine(_directory, "pki", "token"), config.TokenFile);
    }

    [Theory]
    [InlineData("current-context: missing", "no context named 'missing'")]
    [InlineData("current-context: c\n  # no server", "has no server")]
    [InlineData("current-context: exec", "exec or auth-provider plugin")]
    [InlineData("current-context: half-cert", "needs both the certificate and its key")]
    [InlineData("current-context: bad-base64", "certificate-authority-data is not valid base64")]
    public void Unusable_kubeconfigs_say_what_is_wrong(string currentContext, string expected)
    {
        var path = Write($"""
            {currentContext.Split('\n')[0]}
            clusters:
            - name: ok
              cluster: {"{"}server: "https://k:6443"{"}"}
            - name: empty
              cluster: {"{"}{"}"}
            - name: bad-ca
              cluster: {"{"}server: "https://k:6443", certificate-authority-data: "not base64!"{"}"}
            contexts:
            - name: c
              context: {"{"}cluster: empty, user: token{"}"}
            - name: exec
              context: {"{"}cluster: ok, user: exec{"}"}
            - name: half-cert
              context: {"{"}cluster: ok, user: half{"}"}
            - name: bad-base64
              context: {"{"}cluster: bad-ca, user: token{"}"}
            users:
            - name: token
              user: {"{"}token: t{"}"}
            - name: exec
              user:
                exec: {"{"}command: aws, apiVersion: client.authentication.k8s.io/v1beta1{"}"}
            - name: half
              user: {"{"}client-certificate-data: {Base64("x")}{"}"}
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var missing = Path.Combine(_directory, "nope");

        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(missing));

        Assert.Contains(missing, error.Message);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "config");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
