using Haystack.Kubernetes.Configuration;

namespace Haystack.Kubernetes.Tests.Configuration;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>These tests set KUBERNETES_SERVICE_HOST/PORT, which are process-wide, so they run alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class InClusterConfigTests(TestCertificates certificates) : IClassFixture<TestCertificates>, IDisposable
{
    private readonly string _serviceAccount = Directory.CreateTempSubdirectory("serviceaccount-").FullName;
    private readonly string? _host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
    private readonly string? _port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");

    [Fact]
    public void Service_account_files_and_service_environment_make_the_configuration()
    {
        WriteServiceAccount(withCa: true);
        SetService("10.96.0.1", "443");

        var config = KubernetesClientConfiguration.InClusterConfig(_serviceAccount);

        Assert.True(KubernetesClientConfiguration.IsInCluster(_serviceAccount));
        Assert.Equal("https://10.96.0.1:443", config.Host);
        Assert.Equal("photos", config.Namespace);
        Assert.Equal(Path.Combine(_serviceAccount, "token"), config.TokenFile);
        Assert.Equal(certificates.Authority.Thumbprint, Assert.Single(config.SslCaCerts!).Thumbprint);
    }

    [Fact]
    public void An_ipv6_service_address_is_bracketed()
    {
        WriteServiceAccount(withCa: false);
        SetService("fd00::1", "6443");

        var config = KubernetesClientConfiguration.InClusterConfig(_serviceAccount);

        Assert.Equal("https://[fd00::1]:6443", config.Host);
        Assert.Null(config.SslCaCerts);
    }

    [Fact]
    public void Outside_a_pod_the_error_says_what_is_missing()
    {
        WriteServiceAccount(withCa: false);
        SetService(null, null);

        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.InClusterConfig(_serviceAccount));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
        Assert.False(KubernetesClientConfiguration.IsInCluster(_serviceAccount));
    }

    [Fact]
    public void A_missing_token_is_reported_with_its_path()
    {
        SetService("10.96.0.1", "443");

        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.InClusterConfig(_serviceAccount));

        Assert.Contains(Path.Combine(_serviceAccount, "token"), error.Message);
    }

    public void Dispose()
    {
        SetService(_host, _port);
        Directory.Delete(_serviceAccount, recursive: true);
    }

    private void WriteServiceAccount(bool withCa)
    {
        File.WriteAllText(Path.Combine(_serviceAccount, "token"), "sa-token");
        File.WriteAllText(Path.Combine(_serviceAccount, "namespace"), "photos\n");
        if (withCa)
        {
            File.WriteAllText(Path.Combine(_serviceAccount, "ca.crt"), certificates.AuthorityPem);
        }
    }

    private static void SetService(string? host, string? port)
    {
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", host);
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", port);
    }
}
